/** Where server mode keeps its files and finds its assets. */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER = 'broadcast-studio';

/**
 * The folder Electron's app.getPath('userData') would give for this app, so both hosts share one
 * collection on a machine: %APPDATA% on Windows, Application Support on macOS, XDG elsewhere.
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env['APPDATA'] || path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  const xdg = env['XDG_CONFIG_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), APP_FOLDER);
}

/** The repository (or unpacked package) root: the built file lives in <root>/out/main. */
export function appRoot(moduleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', '..');
}
