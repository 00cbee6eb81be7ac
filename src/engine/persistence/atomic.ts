/**
 * File writes that never leave a half-written file behind, and moves that never overwrite: a save
 * interrupted by a crash or power cut leaves either the old file or the new one, and a file we
 * could not use is kept, byte for byte, under a name no other move will take.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (applied exactly, whatever the umask). Default 0o644. */
  mode?: number;
  /** Keep the file being replaced as `<file>.bak`. Off for secrets, so old keys do not linger. */
  backup?: boolean;
}

const errCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** Writes a temp file in the same folder, fsyncs it, then renames it over `file`. */
export async function writeFileAtomic(file: string, data: string, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = tempName(file);
  const mode = opts.mode ?? 0o644;
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.chmod(mode);
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    if (opts.backup) await keepBackup(file);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/**
 * Moves `file` to `<stem>.<tag>-<stamp>.json` next to it (or with -1, -2… when that name is taken)
 * and returns the new path. Copy-exclusive then unlink, so an existing file is never replaced.
 */
export async function moveAside(file: string, tag: string, now: number = Date.now()): Promise<string> {
  const dir = path.dirname(file);
  const ext = path.extname(file);
  const stem = path.basename(file, ext);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let i = 0; ; i++) {
    const dest = path.join(dir, `${stem}.${tag}-${stamp}${i === 0 ? '' : `-${i}`}${ext || '.json'}`);
    try {
      await copyFile(file, dest, constants.COPYFILE_EXCL);
    } catch (e) {
      if (errCode(e) === 'EEXIST') continue;
      throw e;
    }
    await unlink(file);
    return dest;
  }
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Copies the current file to `<file>.bak` through a temp file, so the backup is never half written. */
async function keepBackup(file: string): Promise<void> {
  const tmp = tempName(`${file}.bak`);
  try {
    await copyFile(file, tmp);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return; // nothing to keep yet
    throw e;
  }
  try {
    await rename(tmp, `${file}.bak`);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Makes the rename itself durable. Not possible on every platform (Windows), where it is skipped. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* best effort */
  }
}
