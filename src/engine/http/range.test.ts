import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, rangeHeaders, sendFileRange } from './range';

describe('parseRange', () => {
  it('reads open, closed and suffix ranges', () => {
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('serves the whole file for no header, a foreign unit, several ranges or a reversed one', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('items=0-5', 100)).toBeNull();
    expect(parseRange('bytes=0-5,10-20', 100)).toBeNull();
    expect(parseRange('bytes=20-10', 100)).toBeNull();
    expect(parseRange('bytes=-', 100)).toBeNull();
  });

  it('refuses a range past the end', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(rangeHeaders('bytes=200-', 100, 'video/mp4')).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */100' } });
  });
});

describe('sendFileRange over real HTTP', () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'range-'));
    const file = path.join(dir, 'clip.mp4');
    writeFileSync(file, body);
    server = http.createServer((req, res) => void sendFileRange(req, res, file, body.length, 'video/mp4'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 206 with exactly the asked bytes, and 200 with all of them', async () => {
    const part = await fetch(base, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer()).equals(body.subarray(100, 200))).toBe(true);

    const tail = await fetch(base, { headers: { Range: 'bytes=-50' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(body.subarray(950))).toBe(true);

    const whole = await fetch(base);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await whole.arrayBuffer()).equals(body)).toBe(true);

    const past = await fetch(base, { headers: { Range: 'bytes=5000-' } });
    expect(past.status).toBe(416);
  });
});
