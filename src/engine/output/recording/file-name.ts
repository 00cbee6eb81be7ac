/**
 * Where a recording goes: the user's file name pattern expanded (OBS's placeholders), made safe for
 * any file system the file might land on (a USB stick formatted FAT, a Windows share), in a folder
 * that exists, under a name nothing else has yet.
 */
import { lstat, mkdir, stat } from 'node:fs/promises';
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

/** Leaves room for " (999)" and the extension within the common 255-byte limit on one name. */
const MAX_NAME_BYTES = 200;
/** Past this many recordings of the same name something else is wrong; say so rather than loop. */
const MAX_SUFFIX = 9999;

/** Windows refuses these names whatever the extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * Makes one path component out of a name: characters Windows, macOS or Linux refuse (and the
 * separators, so a pattern cannot climb out of the folder) become "_", and so do control characters;
 * trailing dots and spaces, which Windows drops silently, go. Empty when nothing usable is left.
 */
export function safeFileName(name: string): string {
  let out = name.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').trim();
  out = out.replace(/[. ]+$/, '');
  if (/^[._ ]*$/.test(out)) return '';
  if (RESERVED.test(out)) out = `_${out}`;
  return clipBytes(out, MAX_NAME_BYTES).replace(/[. ]+$/, '');
}

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** The folder recordings go to: the user's, or "recordings" in the data folder. */
export function recordingFolder(folder: string, dataDir: string): string {
  // A relative folder can only come from a hand-edited profile; the data folder is the one place it
  // can sensibly mean.
  return folder.trim() === '' ? path.join(dataDir, 'recordings') : path.resolve(dataDir, folder);
}

/** Creates the folder (and its parents); fails with a message naming it when it cannot. */
export async function ensureFolder(dir: string): Promise<Result<string>> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      return fail(Status.InvalidResourceType, `The recording folder ${dir} is a file (or lies inside one), not a folder; choose another folder.`, 'folder');
    }
    return fail(Status.CreationFailed, `The recording folder ${dir} cannot be created (${describeCode(code, error)}); choose another folder.`, 'folder');
  }
  // mkdir says nothing when the folder exists; a folder swapped for something else meanwhile would
  // only show up as FFmpeg's much vaguer error later.
  try {
    if (!(await stat(dir)).isDirectory()) return fail(Status.InvalidResourceType, `The recording folder ${dir} is a file, not a folder; choose another folder.`, 'folder');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(Status.CreationFailed, `The recording folder ${dir} cannot be used (${describeCode(code, error)}); choose another folder.`, 'folder');
  }
  return ok(dir);
}

function describeCode(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return code ?? String(error);
  }
}

/** Whether anything (a file, a folder, a dangling link) already has this path. */
async function taken(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The first of "name.ext", "name (2).ext", "name (3).ext"… in `dir` that does not exist yet. Nothing
 * is created: FFmpeg is told never to overwrite (-n), which also covers a file appearing meanwhile.
 */
export async function uniquePath(dir: string, name: string, ext: string): Promise<Result<string>> {
  try {
    for (let n = 1; n <= MAX_SUFFIX; n++) {
      const file = path.join(dir, `${name}${n === 1 ? '' : ` (${n})`}${ext}`);
      if (!(await taken(file))) return ok(file);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(Status.ActionFailed, `The recording folder ${dir} cannot be read (${describeCode(code, error)}); choose another folder.`, 'folder');
  }
  return fail(Status.ResourceAlreadyExists, `The recording folder ${dir} already holds ${MAX_SUFFIX} files named "${name}"; change the file name pattern.`, 'filenamePattern');
}

export async function recordingPath(settings: RecordingSettings, dataDir: string, now: Date): Promise<Result<string>> {
  const dir = recordingFolder(settings.folder, dataDir);
  const made = await ensureFolder(dir);
  if (!made.ok) return made;
  const name = safeFileName(expandRecordingPattern(settings.filenamePattern, now)) || safeFileName(expandRecordingPattern(DEFAULT_RECORDING_PATTERN, now));
  return uniquePath(dir, name, recordingExtension(settings.format));
}
