/**
 * Runs the built server mode (out/main/server.js) as a child process for integration and e2e
 * tests, exactly as a user would start it. Requires `npx electron-vite build` first; the test
 * command does that. Fails loudly, never skips, when the build is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StudioServer {
  /** http://127.0.0.1:PORT/ — the base, without the run's secret. */
  url: string;
  /** The ready line's URL (base + ?token=…): what a user opens. */
  launchUrl: string;
  /** This run's secret, and the Cookie header a page gets for it. */
  token: string;
  cookie: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions and for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const SERVER_JS = path.resolve(import.meta.dirname, '../../out/main/server.js');

/**
 * Data folders this harness made (a caller's own dataDir stays the caller's), with the server that
 * used each. They outlive stop(): tests read a stopped server's files (the stream-key test looks
 * for its key in every file left behind). They go when the test file is done (vitest's setup file
 * calls removeCreatedDataDirs after each file) or when the process exits (Playwright's workers).
 */
const createdDataDirs = new Map<string, ChildProcess>();

/** Removes the data folders this harness made whose server has exited; a running one's is kept. */
export function removeCreatedDataDirs(): void {
  for (const [dir, child] of createdDataDirs) {
    if (child.exitCode === null && child.signalCode === null) continue;
    rmSync(dir, { recursive: true, force: true });
    createdDataDirs.delete(dir);
  }
}
process.once('exit', removeCreatedDataDirs);

export async function startStudioServer(opts: { dataDir?: string; headless?: boolean; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<StudioServer> {
  if (!existsSync(SERVER_JS)) {
    throw new Error(`${SERVER_JS} is missing: run "npx electron-vite build" (npm test does) before these tests.`);
  }
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'studio-data-'));
  // --ws-port 0: parallel test files must not fight over obs-websocket's 4455.
  const args = [SERVER_JS, '--port', '0', '--ws-port', '0', '--data-dir', dataDir, ...(opts.headless ? ['--headless'] : []), ...(opts.args ?? [])];
  // STUDIO_GL=swiftshader unless the caller or the environment says otherwise: tests that are not
  // about the GL probe do not pay for it on every fresh data folder (test/integration/gl-backend.test.ts is).
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { STUDIO_GL: 'swiftshader', ...process.env, ...opts.env } });
  if (!opts.dataDir) createdDataDirs.set(dataDir, child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server mode did not print its URL within 30 s:\n${output}`)), 30_000);
    const onData = (): void => {
      const match = /ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server mode exited with ${code} before it was ready:\n${output}`));
    });
  });
  const parsed = new URL(launchUrl);
  const port = Number(parsed.port);
  const token = parsed.searchParams.get('token')!;
  return {
    url: `${parsed.origin}/`,
    launchUrl,
    token,
    cookie: `studio-${port}=${token}`,
    port,
    dataDir,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}

/** The obs-websocket address server mode printed (ws:// or wss://); throws with the output when absent. */
export function remoteControlUrl(server: Pick<StudioServer, 'output'>): string {
  const url = /Remote control \(obs-websocket v5\) at (wss?:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
  if (!url) throw new Error(`server mode printed no remote control address:\n${server.output()}`);
  return url;
}
