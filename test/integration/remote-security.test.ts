/**
 * The desktop app's (and server mode's) Settings → Remote control security: turning on wss:// with
 * the studio's own self-signed certificate, and allowing a web page origin, restarts the
 * obs-websocket server with them; turning TLS off goes back to ws://. Real sockets, a real engine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Studio } from '../../src/engine/api';
import { createStudio } from '../../src/engine/studio';
import { RawClient } from '../harness/remote-fixture';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
const PASSWORD = 'remote-security-123';
let dir: string;
let studio: Studio;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-remote-sec-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES, remote: { port: 0, password: PASSWORD } });
});

afterAll(async () => {
  await studio?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const url = async (): Promise<string> => {
  const info = await studio.execute('remote.info', {});
  if (!info.ok || !info.value.url) throw new Error('remote control is not running');
  return info.value.url;
};

it('TLS and an allowed origin set in the app restart remote control with them', async () => {
  expect(await url()).toMatch(/^ws:\/\//);
  await expect(RawClient.open(await url(), { origin: 'https://deck.example' })).rejects.toMatchObject({ status: 403 });

  const set = await studio.execute('remoteControl.set', { tls: true, allowedOrigins: ['https://deck.example'] });
  expect(set.ok).toBe(true);
  await vi.waitFor(async () => expect(await url()).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/), { timeout: 30_000 });
  const ca = await readFile(path.join(dir, 'tls', 'remote-cert.pem'), 'utf8');
  const client = await RawClient.open(await url(), { ca, origin: 'https://deck.example' });
  await client.identify(PASSWORD);
  client.send({ op: 6, d: { requestType: 'GetVersion', requestId: 'v' } });
  expect((await client.next())?.d).toMatchObject({ requestId: 'v', requestStatus: { result: true } });
  client.close();
  await expect(RawClient.open(await url(), { ca, origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });

  await studio.execute('remoteControl.set', { tls: false });
  await vi.waitFor(async () => expect(await url()).toMatch(/^ws:\/\//), { timeout: 30_000 });
});

it('refuses an origin that is not one, naming the field', async () => {
  const bad = await studio.execute('remoteControl.set', { allowedOrigins: ['https://deck.example/path'] });
  expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('web origin') } });
  expect(studio.document().remoteControl.allowedOrigins).toEqual(['https://deck.example']);
});
