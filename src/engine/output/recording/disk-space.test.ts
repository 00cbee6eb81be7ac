import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Status } from '../../../shared';
import { MB, checkFreeSpace, freeBytesAt } from './disk-space';

const dir = mkdtempSync(path.join(tmpdir(), 'rec-space-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('freeBytesAt', () => {
  it("reports the folder's disk, or its nearest existing parent's while it does not exist yet", async () => {
    const here = await freeBytesAt(dir);
    expect(here).toBeGreaterThan(0);
    const missing = await freeBytesAt(path.join(dir, 'not', 'yet'));
    expect(missing).toBeGreaterThan(0);
    // Same disk: the two readings differ only by what others wrote meanwhile.
    expect(Math.abs(missing! - here!)).toBeLessThan(1024 * MB);
  });
});

describe('checkFreeSpace', () => {
  it('passes when enough is free and hands back the free bytes', async () => {
    const r = await checkFreeSpace(dir, 1);
    expect(r.ok && r.value !== null && r.value > 1).toBe(true);
  });

  it('refuses below the minimum, naming the folder, the free and the required MB', async () => {
    const free = (await freeBytesAt(dir))!;
    const need = free + 10_000 * MB;
    const r = await checkFreeSpace(dir, need);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(Status.ActionFailed);
    expect(r.error.message).toContain(dir);
    expect(r.error.message).toContain(`${Math.floor(need / MB)} MB required`);
    expect(r.error.message).toMatch(/Not enough free space to record in .*: \d+ MB free/);
    const mbFree = Number(/: (\d+) MB free/.exec(r.error.message)![1]);
    expect(Math.abs(mbFree - free / MB)).toBeLessThan(1024);
  });
});
