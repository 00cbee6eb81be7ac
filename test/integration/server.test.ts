/**
 * Server mode as a user runs it: the built out/main/server.js as a child process, over real HTTP
 * and a real WebSocket, and with --headless a real Chromium. Needs `npx electron-vite build` first
 * (the test command runs it); a missing build fails the suite with that instruction.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import {
  CONTENT_SECURITY_POLICY,
  STUDIO_SOCKET_PATH,
  type Result,
  type ServerMessage,
  type StudioDocument,
  type StudioEvent,
} from '../../src/shared';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { MAX_FRAME_BYTES } from '../../src/server/socket';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER_JS = path.join(ROOT, 'out/main/server.js');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const temps: string[] = [];
/** A fresh folder, removed after the file's tests. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose path goes on the wire exactly as written (no client-side normalisation of '..'). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs server.js to completion (for the cases that must refuse to start). */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server.js ${args.join(' ')} did not exit:\n${stdout}${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** How a WebSocket upgrade ends: 'open', or the HTTP status it was refused with. */
function upgradeOutcome(url: string, origin?: string, cookie?: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(origin ? { origin } : {}), ...(cookie ? { headers: { Cookie: cookie } } : {}) });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Every live descendant of a process, from /proc (Linux). */
function descendants(pid: number): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name, which may itself contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const found: { pid: number; cmd: string }[] = [];
  const walk = (of: number): void => {
    for (const [child, ppid] of parent) {
      if (ppid !== of) continue;
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      } catch {
        continue;
      }
      found.push({ pid: child, cmd });
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes (its parent has not reaped it yet).
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function socketUrl(server: StudioServer): string {
  return `${server.url.replace(/^http/, 'ws').replace(/\/$/, '')}${STUDIO_SOCKET_PATH}`;
}

/**
 * A renderer-like socket client. Its listener is attached before the upgrade completes: the
 * engine replays its state at once, and those messages can arrive in the same read as the 101.
 */
async function openSocket(server: StudioServer) {
  const ws = new WebSocket(socketUrl(server), { origin: server.url.slice(0, -1), headers: { Cookie: server.cookie } });
  const messages: ServerMessage[] = [];
  let closeCode: number | null = null;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) messages.push(JSON.parse(data.toString()) as ServerMessage);
  });
  ws.on('close', (code) => (closeCode = code));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const events = (): StudioEvent[] => messages.flatMap((m) => (m.t === 'event' ? [m.event] : []));
  const reply = (id: number): Result<unknown> | undefined => {
    const found = messages.find((m) => m.t === 'reply' && m.id === id);
    return found?.t === 'reply' ? found.result : undefined;
  };
  return { ws, messages, events, reply, closeCode: () => closeCode };
}

it('the build exists (run "npx electron-vite build" first; npm test does)', () => {
  expect(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npx electron-vite build" before this test`).toBe(true);
});

describe('server mode over HTTP and WebSocket', () => {
  let server: StudioServer;
  let client: Awaited<ReturnType<typeof openSocket>>;
  let doc: StudioDocument;

  beforeAll(async () => {
    server = await startStudioServer({ dataDir: tempDir('studio-server-') });
    client = await openSocket(server);
    doc = await vi.waitFor(
      () => {
        const changed = client.events().find((e) => e.type === 'document.changed');
        if (changed?.type !== 'document.changed') throw new Error('no document.changed on connect');
        return changed.data.document;
      },
      { timeout: 30_000 },
    );
  });

  afterAll(async () => {
    client?.ws.close();
    await server?.stop();
  });

  it("prints exactly one line with the URL and this run's secret, on 127.0.0.1 and a real port", () => {
    const lines = server.output().split('\n').filter((l) => l.includes(server.url));
    expect(lines).toEqual([`Broadcast Studio (server mode) ready at ${server.url}?token=${server.token}`]);
    // 32 random bytes in base64url.
    expect(server.token).toMatch(/^[\w-]{43}$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('GET /healthz answers JSON from the engine', async () => {
    const res = await get(server.port, '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body.toString()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, version: PACKAGE.version, streaming: 'idle' });
    expect(typeof body['revision']).toBe('number');
    expect(typeof body['uptimeSec']).toBe('number');
    expect(body).toHaveProperty('ffmpeg');
  });

  it('serves the UI with the CSP header, and its assets with their MIME types', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body.toString()).toBe(readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8'));

    const script = /src="\/?([^"]+\.js)"/.exec(index.body.toString())?.[1];
    expect(script, 'index.html loads a script').toBeTruthy();
    const asset = await get(server.port, `/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['content-security-policy']).toBeUndefined();
  });

  it('refuses paths that leave the UI folder, however they are spelled', async () => {
    const secret = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    for (const attempt of [
      '/../../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%00index.html',
    ]) {
      const res = await get(server.port, attempt);
      expect([400, 403, 404], attempt).toContain(res.status);
      expect(res.body.toString(), attempt).not.toContain(secret.slice(0, 40));
    }
    expect((await get(server.port, '/no-such-file.js')).status).toBe(404);
  });

  it('answers only requests addressed to itself (no DNS rebinding)', async () => {
    const res = await get(server.port, '/healthz', { Host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
    expect((await get(server.port, '/healthz', { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('/media serves the files the document uses, and nothing else', async () => {
    const image = doc.inputs.find((i) => i.kind === 'image_source' && typeof i.settings['file'] === 'string');
    expect(image, 'the demo scene has a watermark image').toBeTruthy();
    const file = image!.settings['file'] as string;
    const withCookie = { Cookie: server.cookie };
    const served = await get(server.port, `/media?path=${encodeURIComponent(file)}`, withCookie);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.body.equals(readFileSync(file))).toBe(true);

    for (const other of [path.join(ROOT, 'package.json'), '/etc/passwd', `${file}/../../package.json`, 'relative.png', '']) {
      const res = await get(server.port, `/media?path=${encodeURIComponent(other)}`, withCookie);
      expect(res.status, other).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body.toString())).toMatchObject({ ok: false, error: { message: expect.any(String) } });
    }
    expect((await get(server.port, '/media', withCookie)).status).toBe(404);
  });

  it('refuses studio sockets from other origins, and from none, even with the secret', async () => {
    const cookie = server.cookie;
    expect(await upgradeOutcome(socketUrl(server), 'http://evil.example', cookie)).toBe(403);
    expect(await upgradeOutcome(socketUrl(server), `http://127.0.0.1:${server.port + 1}`, cookie)).toBe(403);
    expect(await upgradeOutcome(socketUrl(server), undefined, cookie)).toBe(403);
    expect(await upgradeOutcome(socketUrl(server).replace(STUDIO_SOCKET_PATH, '/other'), server.url.slice(0, -1), cookie)).toBe(404);
    expect(await upgradeOutcome(socketUrl(server), `http://localhost:${server.port}`, cookie)).toBe('open');
  });

  it('a socket gets the replay on connect, and calls round-trip', async () => {
    const kinds = client.events().find((e) => e.type === 'kinds.list');
    expect(kinds?.type === 'kinds.list' && Array.isArray(kinds.data.kinds)).toBe(true);
    client.ws.send(JSON.stringify({ t: 'call', id: 1, type: 'scene.create', args: { name: 'From the socket test' } }));
    await expect.poll(() => client.reply(1)).toMatchObject({ ok: true, value: { sceneUuid: expect.any(String) } });
    const { sceneUuid } = (client.reply(1) as { value: { sceneUuid: string } }).value;
    await expect
      .poll(() => client.events().some((e) => e.type === 'document.changed' && e.data.document.scenes.some((s) => s.uuid === sceneUuid)))
      .toBe(true);
  });

  it('malformed messages are answered or dropped, never fatal', async () => {
    const { ws, reply, closeCode } = await openSocket(server);
    ws.send('this is not JSON {');
    ws.send('[1,2,3]');
    ws.send(JSON.stringify({ t: 'nonsense' }));
    ws.send(JSON.stringify({ t: 'stats', stats: { renderMs: 'slow' } }));
    ws.send(JSON.stringify({ t: 'call', id: 'x', type: 'scene.create', args: {} }));
    ws.send(JSON.stringify({ t: 'call', id: 7, type: 'no.such.command', args: {} }));
    ws.send(JSON.stringify({ t: 'call', id: 8, type: 42 }));
    ws.send(JSON.stringify({ t: 'call', id: 9, type: 'scene.create', args: { name: 12 } }));
    ws.send(Buffer.from('garbage, not a frame'));
    ws.send(Buffer.alloc(64 * 1024, 0xab));
    ws.send(JSON.stringify({ t: 'call', id: 10, type: 'scene.create', args: { name: 'After the garbage' } }));

    // Generous: on a loaded 2-core machine the garbage ahead of it takes a while to get through.
    await expect.poll(() => reply(10), { timeout: 30_000 }).toMatchObject({ ok: true });
    for (const id of [7, 8, 9]) {
      expect(reply(id), `reply ${id}`).toMatchObject({ ok: false, error: { message: expect.any(String) } });
    }
    expect(closeCode()).toBeNull();

    // A binary message bigger than any frame (a 4096×4096 NV12 one): closed with 1009, the server carries on.
    ws.send(Buffer.alloc(MAX_FRAME_BYTES + 1, 1));
    await expect.poll(() => closeCode(), { timeout: 30_000 }).toBe(1009);
    const health = await get(server.port, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toMatchObject({ ok: true });
  });
});

describe('server mode lifecycle', () => {
  it('SIGTERM stops it with exit code 0 and leaves no child behind', async () => {
    const server = await startStudioServer({ dataDir: tempDir('studio-server-') });
    const pid = server.process.pid!;
    const code = await server.stop('SIGTERM');
    expect(code, server.output()).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('--headless runs a windowless Chromium that connects as a renderer; SIGTERM takes it down too', async () => {
    const server = await startStudioServer({ dataDir: tempDir('studio-headless-'), headless: true });
    const pid = server.process.pid!;
    const log = path.join(server.dataDir, 'logs', 'studio.log');
    let browser: { pid: number; cmd: string }[] = [];
    try {
      await expect
        .poll(() => descendants(pid).filter((p) => /chrom/i.test(p.cmd)).length, { timeout: 30_000 })
        .toBeGreaterThan(0);
      browser = descendants(pid);
      expect(browser.some((p) => p.cmd.includes('--headless=new') && p.cmd.includes('role=primary'))).toBe(true);
      // The browser's command line (readable by every local user) carries a one-time ticket, never the run's secret.
      expect(browser.some((p) => p.cmd.includes('ticket='))).toBe(true);
      expect(browser.filter((p) => p.cmd.includes(server.token))).toEqual([]);
      // The page loaded the studio and opened its socket: the bundle works in a browser with no display.
      await expect
        .poll(() => (existsSync(log) ? readFileSync(log, 'utf8') : '').includes('"msg":"renderer connected"'), { timeout: 60_000 })
        .toBe(true);

      const code = await server.stop('SIGTERM');
      expect(code, server.output()).toBe(0);
      await expect.poll(() => browser.filter((p) => alive(p.pid)).map((p) => p.cmd)).toEqual([]);
      const profile = /--user-data-dir=(\S+)/.exec(browser.find((p) => p.cmd.includes('--user-data-dir='))!.cmd)![1]!;
      expect(existsSync(profile), 'the temporary Chromium profile is removed').toBe(false);
    } finally {
      // Whatever failed above, leave no browser behind for the next test.
      await server.stop('SIGKILL');
      for (const p of browser) if (alive(p.pid)) process.kill(p.pid, 'SIGKILL');
    }
  });

  it('--help prints the options and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--port N/);
    expect(stdout).toMatch(/--data-dir DIR/);
    expect(stdout).toMatch(/--headless/);
  });

  it('bad flags exit 2 with one clear line', async () => {
    for (const [args, pattern] of [
      [['--bogus'], /Unknown option '--bogus'/],
      [['--port', 'abc'], /--port must be a whole number from 0 to 65535, not 'abc'/],
      [['--port', '70000'], /--port must be/],
      [['--port'], /--port needs a number/],
      [['--data-dir'], /--data-dir needs a folder/],
    ] as const) {
      const { code, stdout, stderr } = await runCli([...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr).toMatch(pattern);
      expect(stdout).toBe('');
    }
  });

  it('a data dir that is a file is refused with a clear message', async () => {
    const file = path.join(tempDir('studio-file-'), 'not-a-folder');
    writeFileSync(file, 'x');
    const { code, stderr } = await runCli(['--port', '0', '--data-dir', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`The data folder ${file} is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--headless with a browser that is not there says so and starts nothing', async () => {
    const dataDir = tempDir('studio-nochrome-');
    const { code, stdout, stderr } = await runCli(['--headless', '--port', '0', '--data-dir', dataDir], {
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('CHROMIUM_PATH is set to /nonexistent/chromium, which is not an executable file.');
    expect(stdout).not.toContain('ready at');
  });

  it('a port in use is reported, not hidden', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const dataDir = tempDir('studio-port-');
      const { code, stderr } = await runCli(['--port', String(port), '--data-dir', dataDir]);
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
