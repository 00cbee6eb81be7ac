/**
 * The recording's words and numbers as the UI shows them. The file name preview expands the pattern
 * as the engine does (src/shared/recording-name.ts) for display only: the engine names the real file,
 * and may add " (2)" when the name is taken.
 */
import {
  DEFAULT_RECORDING_PATTERN,
  expandRecordingPattern,
  recordingExtension,
  type RecordState,
  type RecordStatus,
  type RecordingFormat,
} from '../../../shared';
import { formatBytes, formatUptime } from '../stats/format';

export const FORMAT_LABELS: Record<RecordingFormat, string> = {
  mkv: 'MKV (Matroska)',
  fmp4: 'Fragmented MP4',
};

/** The characters a file system refuses become "_", as the engine does (its schema refuses most). */
const BAD = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** What the next recording will be called if started now, e.g. "2026-11-25 18-11-36.mkv". */
export function previewFileName(pattern: string, format: RecordingFormat, now: Date): string {
  const clean = (p: string) => expandRecordingPattern(p, now).replace(BAD, '_').trim().replace(/[. ]+$/, '');
  const name = clean(pattern);
  return `${/^[._ ]*$/.test(name) ? clean(DEFAULT_RECORDING_PATTERN) : name}${recordingExtension(format)}`;
}

/** The minimum free space field: a whole number of MB from 0; null when it is not one. */
export function parseMinFreeMb(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= 100_000_000 ? n : null;
}

/**
 * A long path cut from the left at a separator so the file name always shows:
 * "…/recordings/2026-11-25 18-11-36.mkv". The full path goes in the title.
 */
export function shortenPath(path: string, max = 48): string {
  if (path.length <= max) return path;
  const parts = path.split(/(?=[/\\])/);
  let out = parts.pop() ?? path;
  while (parts.length > 0 && out.length + parts[parts.length - 1]!.length + 1 <= max) out = parts.pop()! + out;
  // A file name longer than the room keeps its end, where the extension and the time are.
  return out.length + 1 <= max ? `…${out}` : `…${out.slice(-(max - 1))}`;
}

export const STATE_LABELS: Record<RecordState, string> = {
  idle: 'Not recording',
  starting: 'Starting…',
  recording: 'Recording',
  stopping: 'Saving…',
  failed: 'Recording failed',
};

/** "00:01:05 · 12.4 MB" while recording: elapsed time (HH:MM:SS) and the file's size. */
export const progressText = (s: Pick<RecordStatus, 'durationMs' | 'bytes'>): string => `${formatUptime(s.durationMs)} · ${formatBytes(s.bytes)}`;

/** "41.2 GB free where the file is written", or null when the engine could not tell. */
export const freeText = (freeBytes: number | null): string | null => (freeBytes === null ? null : `${formatBytes(freeBytes)} free where the file is written`);
