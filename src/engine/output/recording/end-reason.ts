/**
 * Why a recording ended when nobody asked it to, in words a user can act on. The stream's
 * classifier (../classify-exit.ts) reads FFmpeg's complaints as network trouble; a recorder's are
 * about the disk.
 */
import path from 'node:path';
import { Status, type StudioError } from '../../../shared';
import { sizeText, toMb } from './disk-space';

export type RecordingEndKind = 'disk-full' | 'file-limit' | 'not-writable' | 'exists' | 'input' | 'killed' | 'generic';

export interface RecordingEnd {
  kind: RecordingEndKind;
  error: StudioError;
}

export interface RecorderExit {
  code: number | null;
  signal: string | null;
  /** FFmpeg's last stderr lines. */
  stderr: readonly string[];
  /** Free space on the recording's disk now; null when unknown. */
  freeBytes: number | null;
  /** Bytes of the file on disk now (after any repair); null when there is none. */
  fileBytes: number | null;
}

const SAVED = 'The file is saved up to that point.';
const has = (lines: readonly string[], re: RegExp): boolean => lines.some((l) => re.test(l));

export function diskFullError(file: string, freeBytes: number | null): StudioError {
  const free = freeBytes === null ? '' : ` (${sizeText(freeBytes)} free)`;
  return { code: Status.ActionFailed, message: `Recording stopped: the disk holding ${path.dirname(file)} is full${free}. ${SAVED}` };
}

/** The free-space watchdog's reason: the disk is not full yet, but will be soon. */
export function lowSpaceError(file: string, freeBytes: number, minFreeBytes: number): StudioError {
  return {
    code: Status.ActionFailed,
    message: `Recording stopped: the disk holding ${path.dirname(file)} is almost full (${toMb(freeBytes)} MB free, ${toMb(minFreeBytes)} MB required). ${SAVED}`,
  };
}

export function recordingEnd(file: string, exit: RecorderExit): RecordingEnd {
  const { stderr: lines } = exit;
  const make = (kind: RecordingEndKind, message: string): RecordingEnd => ({ kind, error: { code: Status.ActionFailed, message } });
  const dir = path.dirname(file);
  if (has(lines, /No space left on device|Disk quota exceeded/i)) return { kind: 'disk-full', error: diskFullError(file, exit.freeBytes) };
  // EFBIG, or the signal the kernel sends a writer past RLIMIT_FSIZE (a shell's ulimit -f); FAT32's
  // 4 GiB limit also reads "File too large".
  if (exit.signal === 'SIGXFSZ' || has(lines, /File too large/i)) {
    const size = exit.fileBytes === null ? '' : ` (${sizeText(exit.fileBytes)})`;
    return make(
      'file-limit',
      `Recording stopped: the file reached the largest size this disk or system allows for one file${size}; a drive formatted FAT32 stops at 4 GB. ${SAVED}`,
    );
  }
  if (has(lines, /already exists/i)) return make('exists', `Recording could not start: ${file} already exists.`);
  if (has(lines, /Permission denied|Read-only file system/i)) {
    return make('not-writable', `Recording stopped: ${dir} cannot be written to (${has(lines, /Read-only/i) ? 'the disk is read-only' : 'permission denied'}). ${SAVED}`);
  }
  if (exit.signal) return make('killed', `Recording stopped: its FFmpeg was stopped by ${exit.signal} from outside the studio. ${SAVED}`);
  if (has(lines, /Invalid data found when processing input|could not find codec parameters|Stream map .* matches no streams/i)) {
    return make('input', `Recording stopped: FFmpeg could not read the encoded stream${detail(lines)}. ${SAVED}`);
  }
  return make('generic', `Recording stopped: FFmpeg stopped unexpectedly (exit code ${String(exit.code)})${detail(lines)}. ${SAVED}`);
}

/** The last line that reads like an error, as ": …", or nothing. */
function detail(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.replace(/^\[[^\]]+\]\s*/, '').trim();
    if (/error|fail|invalid|cannot|could not|unable|not found|denied/i.test(line) && !/^Conversion failed!?$/.test(line)) {
      return `: ${line.length > 160 ? `${line.slice(0, 157)}...` : line}`;
    }
  }
  return '';
}
