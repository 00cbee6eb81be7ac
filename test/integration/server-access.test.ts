/**
 * Who may drive server mode (issue: "only the studio's own pages drive it"). The built server runs
 * as a user starts it; every refusal is checked from the outside, as a local attacker would try:
 * a plain Node WebSocket with a forged Origin, /media without the cookie, a renderer command that
 * would make the studio run a program. And the flags that keep secrets off the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { STUDIO_SOCKET_PATH, Status, type Result, type StudioDocument } from '../../src/shared';
import { ensureSelfSignedCert } from '../../src/engine/remote/tls';
import { RawClient } from '../harness/remote-fixture';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../harness/studio-server';

const temps: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the studio socket as an attacker would, and reports how the upgrade ended. */
function attack(server: StudioServer, headers: Record<string, string>): Promise<{ status: number | 'open'; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${STUDIO_SOCKET_PATH}`, { origin: server.url.slice(0, -1), headers });
    ws.once('open', () => {
      // Had it opened, this is what the 20-line script did: create a scene.
      ws.send(JSON.stringify({ t: 'call', id: 1, type: 'scene.create', args: { name: 'Planted' } }));
      setTimeout(() => ws.close(), 500);
      resolve({ status: 'open', body: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        ws.terminate();
      });
    });
    ws.once('error', (error) => reject(error));
  });
}

const latestDocument = (client: StudioClient): StudioDocument => {
  const changed = client.events.filter((e) => e.type === 'document.changed').at(-1);
  if (changed?.type !== 'document.changed') throw new Error('no document yet');
  return changed.data.document;
};

describe('server mode admits only its own pages', () => {
  let server: StudioServer;
  let client: StudioClient;

  beforeAll(async () => {
    server = await startStudioServer({ dataDir: tempDir('studio-access-'), args: ['--ffmpeg', '/usr/bin/ffmpeg'] });
    client = await connectStudio(server);
    await client.waitFor((e) => e.type === 'document.changed', 30_000);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('a forged Origin without the secret is refused at the upgrade, and creates nothing', async () => {
    const scenesBefore = latestDocument(client).scenes.map((s) => s.name);
    const attempts: Record<string, string>[] = [
      {},
      { Cookie: `studio-${server.port}=not-the-secret` },
      // The right secret under another port's name: a cookie of another studio on this machine.
      { Cookie: `studio-${server.port + 1}=${server.token}` },
    ];
    for (const headers of attempts) {
      const outcome = await attack(server, headers);
      expect(outcome.status, JSON.stringify(headers)).toBe(401);
      expect(outcome.body).toContain('open the URL printed when server mode started');
    }
    // The engine's own answer to a later change proves the attempts reached nothing before it.
    const marker = await client.must('scene.create', { name: 'After the attacks' });
    await client.waitFor((e) => e.type === 'document.changed' && e.data.document.scenes.some((s) => s.uuid === marker.sceneUuid));
    expect(latestDocument(client).scenes.map((s) => s.name)).toEqual([...scenesBefore, 'After the attacks']);
  });

  it('/media and /session need the cookie; the UI files and /healthz do not', async () => {
    const doc = latestDocument(client);
    const file = doc.inputs.find((i) => i.kind === 'image_source')?.settings['file'];
    expect(typeof file, 'the demo scene has an image').toBe('string');
    const media = `/media?path=${encodeURIComponent(file as string)}`;
    const refused = await get(server.port, media);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('URL printed') } });
    expect((await get(server.port, media, { Cookie: server.cookie })).status).toBe(200);
    expect((await get(server.port, '/session')).status).toBe(401);
    expect((await get(server.port, '/session', { Cookie: server.cookie })).status).toBe(200);
    expect((await get(server.port, '/')).status).toBe(200);
    expect((await get(server.port, '/healthz')).status).toBe(200);
  });

  it("trades the printed URL's token for the cookie and drops it from the address", async () => {
    const admitted = await get(server.port, `/?role=primary&token=${server.token}`);
    expect(admitted.status).toBe(303);
    expect(admitted.headers.location).toBe('/?role=primary');
    expect(admitted.headers['set-cookie']).toEqual([`${server.cookie}; Path=/; HttpOnly; SameSite=Strict`]);
    const wrong = await get(server.port, '/?token=guess');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('open the URL printed');
  });

  it('a page cannot change the FFmpeg binary; --ffmpeg on the command line can', async () => {
    expect(latestDocument(client).output.ffmpegPath).toBe('/usr/bin/ffmpeg');
    const refused: Result<unknown> = await client.call('output.setFfmpegPath', { ffmpegPath: '/tmp/evil' });
    expect(refused).toMatchObject({ ok: false, error: { code: Status.HostOnly, message: expect.stringContaining('--ffmpeg PATH') } });
    expect(latestDocument(client).output.ffmpegPath).toBe('/usr/bin/ffmpeg');
  });
});

describe('remote control secrets and TLS from server mode flags', () => {
  it('--ws-password-file, --ws-tls-cert/--ws-tls-key and --ws-allow-origin are honoured; --ws-password warns', async () => {
    const dir = tempDir('studio-wsflags-');
    const cert = await ensureSelfSignedCert({ dir });
    if (!cert.ok) throw new Error(cert.error.message);
    const passwordFile = path.join(dir, 'password');
    writeFileSync(passwordFile, 'from-a-file-123\nignored second line\n', { mode: 0o600 });
    const server = await startStudioServer({
      dataDir: path.join(dir, 'data'),
      args: [
        '--ws-password-file', passwordFile,
        '--ws-tls-cert', cert.value.certPath,
        '--ws-tls-key', cert.value.keyPath,
        '--ws-allow-origin', 'https://companion.example',
      ],
    });
    try {
      const wsUrl = remoteControlUrl(server);
      expect(wsUrl).toMatch(/^wss:\/\//);
      expect(server.output()).not.toContain('--ws-password puts');
      const allowed = await RawClient.open(wsUrl, { ca: cert.value.cert, origin: 'https://companion.example' });
      await allowed.identify('from-a-file-123');
      allowed.send({ op: 6, d: { requestType: 'GetVersion', requestId: 'v' } });
      expect((await allowed.next())?.d).toMatchObject({ requestId: 'v', requestStatus: { result: true } });
      allowed.close();
      await expect(RawClient.open(wsUrl, { ca: cert.value.cert, origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
      await expect(RawClient.open(wsUrl)).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await server.stop();
    }

    const flagged = await startStudioServer({ dataDir: path.join(dir, 'data2'), args: ['--ws-password', 'on-the-command-line'] });
    try {
      // stderr and stdout are separate pipes: the warning may arrive just after the ready line.
      await expect.poll(() => flagged.output()).toContain('--ws-password puts the remote control password in the process list');
    } finally {
      await flagged.stop();
    }
  }, 90_000);
});
