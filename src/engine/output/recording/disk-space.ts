/**
 * Free space where a recording is written: checked before it starts and watched while it runs, so a
 * full disk ends it with a saved file and a clear message instead of a write error mid-file.
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { Status, fail, ok, type Result } from '../../../shared';

/** The unit of the settings' minFreeMb (and what OBS calls a MB). */
export const MB = 1024 * 1024;

export const toMb = (bytes: number): number => Math.floor(bytes / MB);

/** "812 KB" below a MB, "12 MB" above: a message should not say a file of 300 KB has 0 MB. */
export const sizeText = (bytes: number): string => (bytes < MB ? `${Math.floor(bytes / 1024)} KB` : `${toMb(bytes)} MB`);

/**
 * Bytes an unprivileged writer may still use on the disk holding `dir` (or, while `dir` does not
 * exist yet, its nearest existing parent); null when the system cannot tell.
 */
export async function freeBytesAt(dir: string): Promise<number | null> {
  for (let at = path.resolve(dir); ; ) {
    try {
      const s = await statfs(at);
      return Number(s.bavail) * Number(s.bsize);
    } catch (error) {
      const parent = path.dirname(at);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) return null;
      at = parent;
    }
  }
}

export async function checkFreeSpace(dir: string, minFreeBytes: number): Promise<Result<number | null>> {
  const free = await freeBytesAt(dir);
  // Unknown is not refused: a file system that cannot report space can still hold a recording.
  if (free === null || free >= minFreeBytes) return ok(free);
  return fail(
    Status.ActionFailed,
    `Not enough free space to record in ${dir}: ${toMb(free)} MB free, ${toMb(minFreeBytes)} MB required. Free up space or choose another folder.`,
  );
}
