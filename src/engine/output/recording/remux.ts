/**
 * A plain .mp4 copy of a finished recording, beside it, for editors and upload sites that take
 * neither MKV nor fragmented MP4. Streams are copied, not re-encoded, so it takes seconds.
 *
 * FFmpeg writes into a private folder next to the target and the result is moved into place only
 * once complete, so a failed or interrupted remux never leaves a half file under a real name.
 */
import { link, mkdtemp, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Status, fail, ok, type Result } from '../../../shared';
import type { Clock, Logger, TimerHandle } from '../../api';
import { FfmpegProcess } from '../supervisor';
import { buildRemuxArgs } from './args';
import { uniquePath } from './file-name';

export interface RemuxOptions {
  clock: Clock;
  logger: Logger;
  /** Gives up (and kills FFmpeg) after this long; default 30 minutes, hours of video at copy speed. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

export async function remuxToMp4(ffmpegPath: string, source: string, opts: RemuxOptions): Promise<Result<string>> {
  try {
    await stat(source);
  } catch {
    return fail(Status.ResourceNotFound, `The recording ${source} cannot be remuxed: it does not exist.`);
  }
  const dir = path.dirname(source);
  const ext = path.extname(source);
  // A fragmented-MP4 recording already owns "<name>.mp4"; its plain copy says what it is.
  const base = path.basename(source, ext) + (ext.toLowerCase() === '.mp4' ? ' (plain)' : '');
  let work: string;
  try {
    work = await mkdtemp(path.join(dir, '.remux-'));
  } catch (error) {
    return fail(Status.ActionFailed, `The recording ${source} cannot be remuxed: ${dir} cannot be written to (${code(error)}).`);
  }
  try {
    const temp = path.join(work, 'remux.mp4');
    const ran = await run(ffmpegPath, source, temp, opts);
    if (!ran.ok) return ran;
    return await place(temp, dir, base);
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => {});
  }
}

async function run(ffmpegPath: string, source: string, target: string, opts: RemuxOptions): Promise<Result<null>> {
  const proc = new FfmpegProcess({
    path: ffmpegPath,
    args: buildRemuxArgs(source, target),
    clock: opts.clock,
    logger: opts.logger,
    label: 'remux',
    pipes: { audio: false },
  });
  const started = proc.start();
  if (!started.ok) return started;
  // Nothing is fed on pipe:0 (-nostdin); closing it now means a stray read sees EOF, not a hang.
  proc.video?.end();
  let timedOut = false;
  const limit = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer: TimerHandle = opts.clock.setTimeout(() => {
    timedOut = true;
    void proc.dispose();
  }, limit);
  const info = await proc.exited;
  opts.clock.clearTimeout(timer);
  if (timedOut) return fail(Status.ActionFailed, `Remuxing ${source} to MP4 took longer than ${Math.round(limit / 1000)} s and was stopped; the recording itself is untouched.`);
  if (info.code === 0) return ok(null);
  const why = info.stderr.filter((l) => /error|invalid|could not|cannot|no space|denied|not supported/i.test(l)).pop();
  return fail(Status.ActionFailed, `Remuxing ${source} to MP4 failed${why ? ` (${why})` : ` (exit code ${String(info.code ?? info.signal)})`}; the recording itself is untouched.`);
}

/** Moves the finished copy to "<base>.mp4", or "<base> (2).mp4"… when that is taken, never over a file. */
async function place(temp: string, dir: string, base: string): Promise<Result<string>> {
  for (let tries = 0; tries < 5; tries++) {
    const target = await uniquePath(dir, base, '.mp4');
    if (!target.ok) return target;
    try {
      // link() refuses an existing name, where rename() would replace it; a file may have appeared
      // since uniquePath looked.
      await link(temp, target.value);
      await unlink(temp);
      return target;
    } catch (error) {
      const c = (error as NodeJS.ErrnoException).code;
      if (c === 'EEXIST') continue;
      // File systems without hard links (FAT, exFAT, some network shares): the name was free a moment ago.
      if (c === 'EPERM' || c === 'ENOTSUP' || c === 'EOPNOTSUPP' || c === 'ENOSYS' || c === 'EMLINK') {
        try {
          await rename(temp, target.value);
          return target;
        } catch (e) {
          return fail(Status.ActionFailed, `The MP4 copy could not be saved as ${target.value} (${code(e)}).`);
        }
      }
      return fail(Status.ActionFailed, `The MP4 copy could not be saved as ${target.value} (${code(error)}).`);
    }
  }
  return fail(Status.ActionFailed, `The MP4 copy could not be saved in ${dir}: new files keep taking its name.`);
}

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);
