/**
 * How a preset (ffmpeg-preset.ts) reaches FFmpeg without entering its argv.
 *
 * Where /dev/fd exists (Linux, macOS) it is an open file the child inherits on an extra
 * descriptor, named to FFmpeg as /dev/fd/N. The file is written (owner-only, in a fresh owner-only
 * folder, on /dev/shm where Linux has it so it stays in memory) and unlinked before FFmpeg even
 * starts: from then on only the two descriptors reach it, and another user can open neither
 * (/proc/PID/fd follows the process's owner). A pipe would be neater, but Node gives a child
 * socket pairs, which /dev/fd cannot reopen on Linux.
 *
 * Windows has no /dev/fd, so there it stays a file in a fresh folder under the user's own temp
 * folder, removed when the attempt that used it ends.
 */
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Status, fail, ok, type Result } from '../../shared';

/**
 * The child's descriptor for the preset: after video (0), encoded output (1), stderr (2), PCM (3)
 * and progress (4). The probe uses it too, so it tests exactly the route a pusher takes.
 */
export const PRESET_FD = 5;

export interface PresetChannel {
  /** What follows -fpre in FFmpeg's argv. */
  path: string;
  /** The descriptor the child must inherit: our handle, and the number it gets there. Null on Windows. */
  inherit: { fd: number; handle: number } | null;
  /** Call once the child exists (it holds its own copy of the descriptor by then). */
  spawned(): void;
  /** Call when the attempt ends; safe more than once. */
  dispose(): void;
}

/** A fresh owner-only folder: in memory (/dev/shm) where Linux offers one we may write to, else the temp folder. */
function privateDir(platform: NodeJS.Platform): string {
  if (platform === 'linux' && existsSync('/dev/shm')) {
    try {
      return mkdtempSync('/dev/shm/studio-push-');
    } catch {
      // Not writable here (some containers): the temp folder will do.
    }
  }
  return mkdtempSync(path.join(tmpdir(), 'studio-push-'));
}

export function openPresetChannel(text: string, fd: number, platform: NodeJS.Platform = process.platform): Result<PresetChannel> {
  let dir: string | null = null;
  try {
    dir = privateDir(platform);
    const file = path.join(dir, 'options');
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    if (platform === 'win32') {
      const owned = dir;
      const remove = (): void => rmSync(owned, { recursive: true, force: true });
      return ok({ path: file, inherit: null, spawned: () => {}, dispose: remove });
    }
    const handle = openSync(file, 'r');
    unlinkSync(file);
    rmSync(dir, { recursive: true, force: true });
    dir = null;
    let open = true;
    const close = (): void => {
      if (open) closeSync(handle);
      open = false;
    };
    return ok({ path: `/dev/fd/${fd}`, inherit: { fd, handle }, spawned: close, dispose: close });
  } catch (error) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return fail(Status.ActionFailed, `The stream's connection options could not be prepared for FFmpeg (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
