/**
 * Finds a working FFmpeg: the user's setting, then FFMPEG_PATH, then ffmpeg-static, then `ffmpeg`
 * on PATH. In a packaged app, ffmpeg-static's copy (unpacked beside app.asar) is the one we ship
 * and tested with, so it comes right after the setting, ahead of FFMPEG_PATH. A candidate works when `<path> -version` exits 0 and prints an FFmpeg version line;
 * anything less (missing file, not executable, a hang, some other program) is recorded so the
 * error can say what was wrong in each place.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Status, fail, ok, type Result } from '../../shared';

export type FfmpegSource = 'setting' | 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';

export interface FfmpegLocation {
  path: string;
  version: string;
  source: FfmpegSource;
}

export interface LocateOptions {
  /** The user's FFmpeg path setting; empty or absent = not set. */
  setting?: string;
  env: Record<string, string | undefined>;
  /** What the ffmpeg-static package exports (see ffmpegStaticPath); null = no binary for this platform. */
  staticPath?: string | null;
  /** How long `-version` may take; default 5 s. */
  timeoutMs?: number;
}

export async function locateFfmpeg(opts: LocateOptions): Promise<Result<FfmpegLocation>> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const problems: string[] = [];
  const setting = { source: 'setting' as const, label: 'the FFmpeg path setting', path: opts.setting?.trim() || null, missing: 'is empty' };
  const fromEnv = { source: 'FFMPEG_PATH' as const, label: 'FFMPEG_PATH', path: opts.env['FFMPEG_PATH']?.trim() || null, missing: 'is not set' };
  const bundled = { source: 'ffmpeg-static' as const, label: 'ffmpeg-static', path: opts.staticPath ?? null, missing: 'has no binary for this platform' };
  const onPath = { source: 'PATH' as const, label: 'PATH', path: findOnPath(opts.env), missing: 'has no ffmpeg' };
  const candidates: Array<{ source: FfmpegSource; label: string; path: string | null; missing: string }> =
    bundled.path && isPackagedPath(bundled.path) ? [setting, bundled, fromEnv, onPath] : [setting, fromEnv, bundled, onPath];
  for (const c of candidates) {
    if (!c.path) {
      problems.push(`${c.label} ${c.missing}`);
      continue;
    }
    const result = await probe(c.path, timeoutMs);
    if (result.ok) return ok({ path: c.path, version: result.value, source: c.source });
    problems.push(`${c.label} (${c.path}) ${result.error.message}`);
  }
  return fail(
    Status.FfmpegNotFound,
    `No working FFmpeg was found: ${problems.join('; ')}. Install FFmpeg or set its path in Settings.`,
  );
}

/** The path ffmpeg-static exports, made usable inside a packaged app; null when it has none. */
export function ffmpegStaticPath(): string | null {
  try {
    const found = createRequire(import.meta.url)('ffmpeg-static') as unknown;
    return typeof found === 'string' ? unpackedPath(found) : null;
  } catch {
    return null;
  }
}

const IN_ASAR = /([\\/])app\.asar([\\/])/;

/**
 * A file inside a packaged app's app.asar, as the copy beside it: nothing inside an archive can be
 * executed, so electron-builder's asarUnpack puts ffmpeg-static's binary in app.asar.unpacked/ at
 * the same relative path (build/electron-builder.yml). Other paths are returned as they are.
 */
export function unpackedPath(file: string): string {
  return file.replace(IN_ASAR, '$1app.asar.unpacked$2');
}

/** Whether a path is inside a packaged app's resources (the archive or its unpacked side). */
export function isPackagedPath(file: string): boolean {
  return /[\\/]app\.asar(\.unpacked)?[\\/]/.test(file);
}

function findOnPath(env: Record<string, string | undefined>): string | null {
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg.cmd', 'ffmpeg.bat'] : ['ffmpeg'];
  for (const dir of dirs) {
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (statSync(file).isFile()) {
          accessSync(file, constants.X_OK);
          return file;
        }
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return null;
}

/** Runs `<file> -version`; ok(version) or an error whose message completes "<place> (<path>) …". */
function probe(file: string, timeoutMs: number): Promise<Result<string>> {
  try {
    const info = statSync(file);
    if (!info.isFile()) return Promise.resolve(fail(Status.FfmpegNotFound, 'is not a file'));
  } catch {
    return Promise.resolve(fail(Status.FfmpegNotFound, 'does not exist'));
  }
  return new Promise((resolve) => {
    execFile(
      file,
      ['-version'],
      { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
          if (e.killed) return resolve(fail(Status.FfmpegNotFound, `did not answer -version within ${timeoutMs / 1000} s`));
          if (e.code === 'EACCES') return resolve(fail(Status.FfmpegNotFound, 'is not executable'));
          if (typeof e.code === 'string') return resolve(fail(Status.FfmpegNotFound, `could not be run (${e.code})`));
          return resolve(fail(Status.FfmpegNotFound, `exited with code ${String(e.code)} on -version`));
        }
        const match = /^ffmpeg version (\S+)/m.exec(stdout);
        if (!match?.[1]) return resolve(fail(Status.FfmpegNotFound, 'is not FFmpeg (no version line from -version)'));
        resolve(ok(match[1]));
      },
    );
  });
}
