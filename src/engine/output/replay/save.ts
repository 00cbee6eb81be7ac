/**
 * Writes a replay buffer's snapshot (a complete MPEG-TS from a keyframe) to a file with one FFmpeg,
 * `-c copy`: MKV, or a plain MP4 with its index at the front (faststart), so the file plays the moment
 * it exists, in a player or as a media source. Names follow the recording's pattern with OBS's
 * "Replay" prefix, in the recording folder. It holds the audio streams the caller picked (the
 * recording's tracks' places in the encoding: ./tracks.ts), each its own stream, in that order.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_RECORDING_PATTERN,
  Status,
  expandRecordingPattern,
  fail,
  ok,
  recordingExtension,
  type RecordingSettings,
  type Result,
} from '../../../shared';
import type { Clock, Logger } from '../../api';
import { fileArg } from '../recording/args';
import { ensureFolder, recordingFolder, safeFileName, uniquePath } from '../recording/file-name';
import { FfmpegProcess } from '../supervisor';

/** OBS's default replay file name prefix (RecRBPrefix). */
export const REPLAY_PREFIX = 'Replay';

/** Where the next replay goes: "Replay <pattern>" in the recording folder, under a free name. */
export async function replayPath(settings: RecordingSettings, dataDir: string, now: Date): Promise<Result<string>> {
  const dir = recordingFolder(settings.folder, dataDir);
  const made = await ensureFolder(dir);
  if (!made.ok) return made;
  const stamp = safeFileName(expandRecordingPattern(settings.filenamePattern, now)) || safeFileName(expandRecordingPattern(DEFAULT_RECORDING_PATTERN, now));
  return uniquePath(dir, safeFileName(`${REPLAY_PREFIX} ${stamp}`), recordingExtension(settings.format));
}

/** `audioStreams`: which of the TS's audio streams, in order (`0:a:<n>`); default the first. */
export function buildReplayArgs(target: string, mp4: boolean, audioStreams: readonly number[] = [0]): string[] {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mpegts', '-i', 'pipe:0'];
  // '?': a stream the TS lacks is left out rather than failing the save (the PMT names them all).
  args.push('-map', '0:v:0', ...audioStreams.flatMap((n) => ['-map', `0:a:${n}?`]), '-c', 'copy');
  if (mp4) args.push('-bsf:a', 'aac_adtstoasc', '-movflags', '+faststart', '-f', 'mp4');
  else args.push('-f', 'matroska');
  args.push('-n', fileArg(target));
  return args;
}

export interface SaveReplayOptions {
  ffmpegPath: string;
  data: Buffer;
  /** The final path; written under a temporary name first, so a half-written replay is never seen there. */
  path: string;
  /** Which of the TS's audio streams it holds, in order (./tracks.ts); default the first. */
  audioStreams?: readonly number[];
  clock: Clock;
  logger: Logger;
  /** Give up (and kill FFmpeg) after this long; default 30 s. */
  timeoutMs?: number;
}

export async function saveReplay(o: SaveReplayOptions): Promise<Result<string>> {
  const ext = path.extname(o.path);
  const temp = path.join(path.dirname(o.path), `.${path.basename(o.path, ext)}.partial${ext}`);
  const proc = new FfmpegProcess({
    path: o.ffmpegPath,
    args: buildReplayArgs(temp, ext === '.mp4', o.audioStreams),
    clock: o.clock,
    logger: o.logger,
    label: 'replay save',
    pipes: { audio: false },
    termAfterMs: o.timeoutMs ?? 30_000,
    killAfterMs: 2000,
  });
  const started = proc.start();
  if (!started.ok) return started;
  const input = proc.video;
  if (input) {
    input.on('error', () => {});
    input.end(o.data);
  }
  // Ends the (already ended) input and escalates to signals if FFmpeg has not finished in time.
  void proc.stop();
  const info = await proc.exited;
  if (info.code !== 0 || info.signal !== null) {
    await rm(temp, { force: true });
    const why = info.stderr.slice(-3).join(' ') || `exit code ${String(info.code ?? info.signal)}`;
    return fail(Status.ActionFailed, `The replay could not be written to ${o.path}: ${why}`);
  }
  try {
    await rename(temp, o.path);
  } catch (error) {
    await rm(temp, { force: true });
    return fail(Status.ActionFailed, `The replay could not be saved as ${o.path}: ${String(error)}`);
  }
  return ok(o.path);
}
