/**
 * The recorder's and the remuxer's command lines, as string[] (never a shell string).
 *
 * The recorder copies the main rendition's MPEG-TS (from its fan-out tap on pipe:0, starting at a
 * keyframe) into a file without re-encoding, in a container that stays decodable when FFmpeg or the
 * whole studio is killed mid-recording: Matroska, or MP4 in fragments. Either way what is on disk
 * at any moment is whole units (clusters, fragments) of at most half a second, so a crash loses
 * about that much and what FFmpeg had not muxed yet.
 */
import path from 'node:path';
import type { RecordingFormat } from '../../../shared';

export interface RecorderArgsInput {
  path: string;
  format: RecordingFormat;
  /**
   * Which of the encoding's audio streams it writes, in order (the recording's tracks' places:
   * ../audio-tracks.ts); default the first. Matroska and MP4 both take several audio tracks.
   */
  audioStreams?: readonly number[];
}

/** Longest cluster or fragment, which is what a kill -9 can lose; ms. */
export const UNIT_MS = 500;
/**
 * How much of the input FFmpeg reads before it opens the file. Its default (5 s) would start every
 * recording 5 s late; half a second holds a keyframe (the tap starts at one) and many audio frames.
 */
const ANALYZE_US = '500000';

/**
 * A path FFmpeg reads as a file name and nothing else: a relative one could start with "-" (an
 * option) or look like "name:" (a protocol).
 */
export function fileArg(file: string): string {
  return path.isAbsolute(file) ? file : `./${file}`;
}

export function buildRecorderArgs(p: RecorderArgsInput): string[] {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-progress', 'pipe:4', '-stats_period', '1', '-nostats'];
  args.push('-analyzeduration', ANALYZE_US, '-f', 'mpegts', '-i', 'pipe:0');
  args.push('-map', '0:v:0', ...(p.audioStreams ?? [0]).flatMap((n) => ['-map', `0:a:${n}`]), '-c', 'copy');
  if (p.format === 'mkv') {
    // Matroska keeps a cluster in memory until it closes; a time limit bounds what a crash can lose
    // (by default clusters follow keyframes, 2 s or more apart).
    args.push('-cluster_time_limit', String(UNIT_MS), '-f', 'matroska');
  } else {
    // TS carries AAC as ADTS; MP4 wants raw AAC plus its config up front, and FFmpeg 5.1 does not
    // insert this filter itself once empty_moov writes the header before the first packet.
    args.push(
      '-bsf:a', 'aac_adtstoasc',
      '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
      // A fragment closes at each keyframe and at least every UNIT_MS, whichever comes first.
      '-frag_duration', String(UNIT_MS * 1000),
      '-f', 'mp4',
    );
  }
  // Each unit reaches the disk when it closes, not when FFmpeg's 32 KB write buffer happens to fill.
  // -n: never overwrite; the name was chosen free, so a file there now is someone else's.
  args.push('-flush_packets', '1', '-n', fileArg(p.path));
  return args;
}

/**
 * A plain MP4 (one moov, moved to the front so players can start before reading it all) copied from
 * a finished recording, for editors and sites that do not take MKV or fragmented MP4.
 */
export function buildRemuxArgs(source: string, target: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'info', '-progress', 'pipe:4', '-stats_period', '1', '-nostats',
    '-i', fileArg(source),
    '-map', '0:v?', '-map', '0:a?', '-c', 'copy',
    '-movflags', '+faststart',
    '-f', 'mp4', '-n', fileArg(target),
  ];
}
