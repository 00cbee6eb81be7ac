/**
 * Removing a Chromium that server mode started: its temporary profile, and the folder Chromium
 * made beside it for its process-singleton socket.
 *
 * On Linux, Chromium puts that socket in a folder of its own in the temp directory
 * (org.chromium.Chromium.XXXXXX, com.google.Chrome.XXXXXX for Chrome) and links it from the profile
 * as SingletonSocket. It removes the folder only when it shuts down by itself: stopped by a signal,
 * as we stop it, it leaves the folder behind (checked with Chromium 156: SIGTERM to the browser
 * alone or to its group, and even Playwright's close). A studio running for weeks starts Chromium
 * for every GL probe round, compositor and browser-source host, so these folders would pile up in
 * /tmp until the next reboot.
 */
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder names Chromium and Chrome give their singleton folders (base::CreateNewTempDirectory). */
const SINGLETON_DIR = /^(?:org\.chromium\.Chromium|com\.google\.Chrome)\.[A-Za-z0-9]+$/;
/** All that Chromium keeps in that folder. */
const SINGLETON_FILES = new Set(['SingletonSocket', 'SingletonCookie']);

/**
 * Removes the profile and its singleton folder. Only a folder that is directly in the temp
 * directory, has Chromium's name and holds nothing but the singleton's files is removed: the link
 * is in a folder a browser could write to, and must never lead us to delete anything else.
 * Call it once the browser has exited.
 */
export function removeChromiumProfile(profile: string, tempDir = os.tmpdir()): void {
  const singleton = singletonFolder(profile, tempDir);
  if (singleton) rmSync(singleton, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}

/** The folder the profile's SingletonSocket link leads to, when it is one Chromium made; else null. */
export function singletonFolder(profile: string, tempDir = os.tmpdir()): string | null {
  let target: string;
  try {
    target = readlinkSync(path.join(profile, 'SingletonSocket'));
  } catch {
    return null; // No link: not Linux, or the browser never got that far.
  }
  const folder = path.dirname(path.resolve(profile, target));
  if (path.dirname(folder) !== path.resolve(tempDir) || !SINGLETON_DIR.test(path.basename(folder))) return null;
  try {
    return readdirSync(folder).every((name) => SINGLETON_FILES.has(name)) ? folder : null;
  } catch {
    return null; // Already gone.
  }
}
