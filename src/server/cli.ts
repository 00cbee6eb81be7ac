/**
 * Server mode: `node out/main/server.js [--port N] [--data-dir DIR] [--headless]`. Runs the engine,
 * serves the studio UI on 127.0.0.1 and, with --headless, a windowless Chromium compositing it.
 * Exit codes: 0 after a clean stop, 1 for a fatal error, 2 for bad command-line flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LogLevel } from '../engine/api';
import { createStudio } from '../engine/studio';
import { growHeapForFrames } from '../engine/frame-heap';
import { createLogger, type DisposableLogger } from '../engine/log/logger';
import { FileSecretStore } from '../engine/persistence/secrets';
import { USAGE, parseFlags } from './args';
import { findChromium, launchHeadless, type HeadlessChromium } from './headless';
import { createChromiumBrowserHost } from './browser-host';
import { GL_BACKENDS, parseGlPreference, resolveGlBackend, type GlChoice } from './gl-probe';
import { startStudioServer, type StudioServer } from './http';
import { appRoot, defaultDataDir } from './paths';

const PREFIX = 'broadcast-studio:';
/** A stop that takes longer than this is abandoned so the process never hangs on exit. */
const SHUTDOWN_DEADLINE_MS = 15_000;

class Fatal extends Error {}

async function main(): Promise<void> {
  growHeapForFrames();
  const parsed = parseFlags(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${PREFIX} ${parsed.message}\n`);
    process.exit(2);
  }
  const flags = parsed.flags;
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const root = appRoot(import.meta.url);
  const rendererDir = path.join(root, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Fatal(`The studio UI is not built (${rendererDir} has no index.html); run npm run build or use npm run serve.`);
  }
  // Before anything starts: a missing browser is a setup problem to report at once.
  const chromium = flags.headless ? findChromium() : null;
  if (chromium && !chromium.ok) throw new Fatal(chromium.error.message);
  const glPreference = parseGlPreference(process.env['STUDIO_GL']);
  if (chromium && !glPreference.ok) throw new Fatal(glPreference.error.message);
  const dataDir = path.resolve(flags.dataDir ?? defaultDataDir());
  await prepareDataDir(dataDir);

  const secrets = new FileSecretStore(dataDir);
  const logFile = path.join(dataDir, 'logs', 'studio.log');
  const logger = createLogger({
    file: logFile,
    level: logLevel(process.env['BROADCAST_STUDIO_LOG_LEVEL']),
    echo: false,
  });
  const resources: Resources = { logger };
  installShutdown(resources);
  logger.log('info', 'server mode starting', { dataDir, pid: process.pid });

  const wsPassword = await remotePassword(flags);
  // Browser sources' pages run in a Chromium of their own (started at the first one), which must
  // never reach the studio's own servers: their origins are added as soon as they are known.
  const studioOrigins: string[] = [];
  const pagesChromium = chromium ?? findChromium();
  const browserSources = pagesChromium.ok
    ? // Not STUDIO_CHROMIUM_ARGS: flags meant for the compositor (--use-fake-ui-for-media-stream grants
      // every camera and microphone prompt) must not reach the pages.
      createChromiumBrowserHost({ executable: pagesChromium.value, logger, blockedOrigins: () => studioOrigins })
    : undefined;
  resources.studio = await createStudio({
    dataDir,
    resourcesDir: path.join(root, 'resources'),
    secrets,
    logger,
    logFile,
    probeEncoders: true,
    ...(browserSources && { browserSources }),
    remote: {
      enabled: flags.ws,
      port: flags.wsPort,
      bind: flags.wsBind,
      password: wsPassword,
      pageDir: rendererDir,
      allowedOrigins: flags.wsAllowOrigins,
      tls: flags.wsTlsCert && flags.wsTlsKey ? { cert: flags.wsTlsCert, key: flags.wsTlsKey } : null,
    },
  });
  if (flags.screenshotsEvery !== null || flags.screenshotsDir !== null) {
    const set = await resources.studio.execute('output.setScreenshots', {
      ...(flags.screenshotsEvery !== null && { enabled: true, intervalSec: flags.screenshotsEvery }),
      ...(flags.screenshotsDir !== null && { folder: path.resolve(flags.screenshotsDir) }),
    });
    if (!set.ok) throw new Fatal(`--screenshots-every/--screenshots-dir: ${set.error.message}`);
  }
  if (flags.ffmpeg !== null) {
    // The one way server mode changes the binary the studio runs: pages and remote clients cannot.
    const set = await resources.studio.execute('output.setFfmpegPath', { ffmpegPath: flags.ffmpeg });
    if (!set.ok) throw new Fatal(`--ffmpeg: ${set.error.message}`);
  }
  const server = await startStudioServer({
    studio: resources.studio,
    logger,
    rendererDir,
    version: readVersion(root),
    port: flags.port,
    extraHealth: () => (glStatus ? { renderer: glStatus } : {}),
  });
  if (!server.ok) throw new Fatal(server.error.message);
  resources.server = server.value;
  studioOrigins.push(server.value.url);

  if (chromium?.ok) {
    // The GL backend is measured (or read from the cache) in the background: readiness does not
    // wait for it, and the compositor starts on the chosen backend once it is known.
    const executable = chromium.value;
    const studio = resources.studio;
    const abort = new AbortController();
    glStatus = { state: 'probing', backend: null, reason: 'Measuring the GL backends available to the compositor.' };
    resources.glProbe = {
      abort,
      done: resolveGlBackend({
        executable,
        dataDir,
        preference: glPreference.ok ? glPreference.value : 'auto',
        width: studio.document().video.baseWidth || 1920,
        height: studio.document().video.baseHeight || 1080,
        signal: abort.signal,
      })
        .catch((error: unknown): GlChoice => ({
          backend: 'swiftshader',
          reason: `The GL probe failed (${describe(error)}); using Chromium's default, SwiftShader.`,
          source: 'fallback',
          measurements: [],
          workload: '',
        }))
        .then((choice) => {
          if (abort.signal.aborted || stopping) return;
          glStatus = { state: 'ready', ...choice };
          logger.log('info', 'GL backend chosen', { backend: choice.backend, source: choice.source, reason: choice.reason, measurements: choice.measurements });
          process.stdout.write(`Compositor GL backend: ${choice.backend} (${choice.source}) — ${choice.reason}\n`);
          resources.headless = launchHeadless({
            executable,
            // A one-time ticket, not the run's secret: a browser's command line is readable by other users.
            url: server.value.ticketUrl('role=primary'),
            logger,
            glFlags: GL_BACKENDS[choice.backend].flags,
            onUnexpectedExit: (reason) => process.stderr.write(`${PREFIX} warning: ${reason}\n`),
          });
          process.stdout.write(`Headless Chromium is compositing the program (${executable}, pid ${resources.headless.pid ?? '?'}).\n`);
        }),
    };
  }
  const remote = await resources.studio.execute('remote.info', {});
  if (remote.ok && remote.value.url) studioOrigins.push(remote.value.url);
  if (remote.ok && remote.value.url) {
    const exposed = remote.value.exposed ? ' — WARNING: reachable from the network' : '';
    process.stdout.write(`Remote control (obs-websocket v5) at ${remote.value.url}; web remote at ${remote.value.url.replace(/^ws/, 'http').replace(/\/?$/, '/')}remote/${exposed}\n`);
  } else if (remote.ok && flags.ws) {
    process.stderr.write(`${PREFIX} warning: ${remote.value.problem}\n`);
  }
  if (flags.wsPassword !== null) {
    process.stderr.write(
      `${PREFIX} warning: --ws-password puts the remote control password in the process list, where every local user can read it; use STUDIO_WS_PASSWORD or --ws-password-file instead.\n`,
    );
  }
  ready = true;
  logger.log('info', 'server mode ready', { url: server.value.url });
  // The only place this run's secret appears: whoever can read this line may drive the studio.
  process.stdout.write(`Broadcast Studio (server mode) ready at ${server.value.launchUrl}\n`);
}

interface Resources {
  logger: DisposableLogger;
  studio?: Awaited<ReturnType<typeof createStudio>>;
  server?: StudioServer;
  headless?: HeadlessChromium;
  /** The GL backend probe while it runs (it owns a short-lived Chromium of its own). */
  glProbe?: { abort: AbortController; done: Promise<void> };
}

/** What GET /healthz says about the compositor's GL backend (`renderer`). */
type GlStatus = { state: 'probing'; backend: null; reason: string } | ({ state: 'ready' } & GlChoice);
let glStatus: GlStatus | null = null;

let ready = false;
let stopping: Promise<never> | null = null;
let current: Resources | null = null;

/** Stops everything in order: the engine (no FFmpeg survives), the server, the browser. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    const res = current;
    const deadline = setTimeout(() => {
      process.stderr.write(`${PREFIX} shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway.\n`);
      process.exit(code || 1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    const step = async (what: string, fn: () => Promise<void> | undefined): Promise<void> => {
      try {
        await fn();
      } catch (error) {
        code ||= 1;
        res?.logger.log('error', `shutdown: ${what} failed`, { error: String(error) });
        process.stderr.write(`${PREFIX} could not stop the ${what} cleanly: ${String(error)}\n`);
      }
    };
    await step('studio', () => res?.studio?.dispose());
    await step('HTTP server', () => res?.server?.close());
    await step('GL probe', () => {
      res?.glProbe?.abort.abort();
      return res?.glProbe?.done;
    });
    await step('headless Chromium', () => res?.headless?.close());
    res?.logger.log('info', 'server mode stopped', { code });
    await step('log', () => res?.logger.dispose());
    process.exit(code);
  })();
  return stopping;
}

function installShutdown(res: Resources): void {
  current = res;
  // A second signal (a terminal's Ctrl-C also reaches `npm run serve`) must not cut a clean stop short.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
  process.on('uncaughtException', (error) => fatal(error));
  process.on('unhandledRejection', (reason) => fatal(reason));
}

function fatal(error: unknown): void {
  const message =
    error instanceof Fatal ? error.message : `${ready ? 'stopped after an unexpected error' : 'could not start'}: ${describe(error)}`;
  if (!(error instanceof Fatal)) current?.logger.log('error', 'fatal error', { error: error instanceof Error ? error : String(error) });
  process.stderr.write(`${PREFIX} ${message}\n`);
  if (current) void shutdown(1);
  else process.exit(1);
}

/** The remote control password: the flag, else the file's first line, else STUDIO_WS_PASSWORD. */
async function remotePassword(flags: { wsPassword: string | null; wsPasswordFile: string | null }): Promise<string | null> {
  if (flags.wsPassword !== null) return flags.wsPassword;
  if (flags.wsPasswordFile !== null) {
    let text: string;
    try {
      text = await readFile(flags.wsPasswordFile, 'utf8');
    } catch (error) {
      throw new Fatal(`Cannot read the remote control password file ${flags.wsPasswordFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    const password = (text.split(/\r?\n/, 1)[0] ?? '').trim();
    if (password.length < 6) throw new Fatal(`The password in ${flags.wsPasswordFile} is shorter than 6 characters; its first line is the password.`);
    return password;
  }
  const env = process.env['STUDIO_WS_PASSWORD'];
  return env !== undefined && env !== '' ? env : null;
}

async function prepareDataDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new Fatal(`The data folder ${dir} is a file, not a folder; pass a folder with --data-dir.`);
  if (info) return;
  // One level at a time from the nearest existing folder: mkdir's recursive mode loops forever
  // on some paths (under /proc, for one) instead of failing.
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const found = await stat(at).catch(() => null);
    if (found && !found.isDirectory()) throw new Fatal(`Cannot create the data folder ${dir}: ${at} is a file.`);
    if (found) break;
    missing.unshift(at);
    if (path.dirname(at) === at) break;
    at = path.dirname(at);
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new Fatal(`Cannot create the data folder ${dir} (${code ?? String(error)}); pass a writable folder with --data-dir.`);
    }
  }
}

function logLevel(raw: string | undefined): LogLevel {
  return raw === 'debug' || raw === 'warn' || raw === 'error' ? raw : 'info';
}

function readVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch(fatal);
