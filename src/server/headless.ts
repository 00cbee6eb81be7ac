/**
 * --headless: a windowless Chromium that loads the studio as its primary renderer, so the program
 * is composited on machines with no display. Spawned directly, never through a Playwright driver:
 * a driver-attached page reports every socket frame and runs several times slower.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Status, fail, ok, type Result } from '../shared';
import type { Logger } from '../engine/api';
import { removeChromiumProfile } from './chromium-profile';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's downloaded Chromium, when playwright-core is installed and its browser is present. */
function playwrightChromium(): string | null {
  try {
    const pw = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    return pw.chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** CHROMIUM_PATH, then Playwright's Chromium, then the system's; the error names every place looked. */
export function findChromium(env: Record<string, string | undefined> = process.env): Result<string> {
  const looked: string[] = [];
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return ok(fromEnv);
    // An explicit choice that does not work is an error, not a reason to pick another browser.
    return fail(Status.ResourceNotFound, `CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  looked.push('CHROMIUM_PATH (not set)');
  const bundled = playwrightChromium();
  if (bundled && isExecutable(bundled)) return ok(bundled);
  looked.push(bundled ? `Playwright's Chromium (${bundled})` : "Playwright's Chromium (playwright-core not installed)");
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const dir of ['/usr/bin', ...dirs]) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return ok(file);
    }
  }
  looked.push(`/usr/bin and PATH for ${SYSTEM_NAMES.join(', ')}`);
  return fail(
    Status.ResourceNotFound,
    `No Chromium found for --headless; looked at ${looked.join('; ')}. Install chromium or set CHROMIUM_PATH.`,
  );
}

/**
 * STUDIO_CHROMIUM_ARGS: extra flags for the headless Chromium, separated by spaces (fake capture
 * devices in tests, GPU flags in production). Only --flags are taken, so a stray word can never
 * become a page to open; a flag's value cannot contain spaces.
 */
export function extraChromiumArgs(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env['STUDIO_CHROMIUM_ARGS']?.trim();
  if (!raw) return [];
  return raw.split(/\s+/).filter((a) => a.startsWith('--') && a.length > 2);
}

/** Flags for an unattended compositor that must keep rendering at full rate with no window. */
export function chromiumArgs(url: string, userDataDir: string, asRoot: boolean, extra: string[] = []): string[] {
  return [
    '--headless=new',
    ...(asRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    // Use a GPU when there is one; where there is none, let WebGL2 fall back to SwiftShader
    // (newer Chromium builds need this flag for that fallback; Debian's 156 gives WebGL2 either way).
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
    // Page console lines then reach the log (INFO:CONSOLE), the only window into a headless page.
    '--enable-logging=stderr',
    '--window-size=1280,800',
    ...extra,
    url,
  ];
}

export interface HeadlessChromium {
  readonly pid: number | undefined;
  /** Stops the browser (its whole process group) and removes its temporary profile. */
  close(): Promise<void>;
}

export interface HeadlessOptions {
  executable: string;
  url: string;
  logger: Logger;
  /** Called once if the browser exits without close() being called, with a one-line reason. */
  onUnexpectedExit: (reason: string) => void;
  /** The chosen GL backend's flags (./gl-probe.ts); STUDIO_CHROMIUM_ARGS come after them and win. */
  glFlags?: readonly string[];
}

export function launchHeadless(opts: HeadlessOptions): HeadlessChromium {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'broadcast-studio-chromium-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const posix = process.platform !== 'win32';
  // Own process group: killing the group takes the GPU, renderer and zygote processes with it.
  const child: ChildProcess = spawn(opts.executable, chromiumArgs(opts.url, profile, asRoot, [...(opts.glFlags ?? []), ...extraChromiumArgs()]), {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: posix,
  });
  let closing = false;
  let exited = false;
  const tail: string[] = [];

  const kill = (signal: NodeJS.Signals): void => {
    if (exited || child.pid === undefined) return;
    try {
      if (posix) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  const removeProfile = (): void => removeChromiumProfile(profile);
  // Last line of defence: the server process is exiting without having called close().
  const onExit = (): void => {
    kill('SIGKILL');
    removeProfile();
  };
  process.once('exit', onExit);

  let buffered = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 5) tail.shift();
      opts.logger.log(line.includes('CONSOLE') ? 'info' : 'debug', 'chromium', { line });
    }
  });

  const done = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      exited = true;
      if (!closing) opts.onUnexpectedExit(`Chromium could not be started (${opts.executable}): ${error.message}`);
      resolve();
    });
    child.once('exit', (code, signal) => {
      exited = true;
      // The group may still hold helper processes after the browser process itself died.
      if (posix && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // None left.
        }
      }
      if (!closing) {
        const why = signal ? `signal ${signal}` : `exit code ${code ?? '?'}`;
        opts.logger.log('error', 'headless Chromium exited unexpectedly', { code, signal, tail });
        opts.onUnexpectedExit(`Headless Chromium exited unexpectedly (${why}); the program is no longer composited.`);
      }
      resolve();
    });
  });

  opts.logger.log('info', 'headless Chromium started', { executable: opts.executable, pid: child.pid, url: opts.url });

  let closed: Promise<void> | null = null;
  return {
    pid: child.pid,
    close() {
      closed ??= (async () => {
        closing = true;
        kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 3000);
        });
        await Promise.race([done, grace]);
        clearTimeout(timer);
        kill('SIGKILL');
        await done;
        process.off('exit', onExit);
        removeProfile();
      })();
      return closed;
    },
  };
}
