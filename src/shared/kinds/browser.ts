import type { KindDescriptor } from '../kinds';

/**
 * OBS's browser_source ("Browser"), with OBS's settings names. The page runs isolated from the
 * studio (its own browser profile or partition, no Node, no preload) and its picture reaches the
 * compositor as frames (browser.frame events). With reroute_audio ("Control audio via OBS") on, its
 * sound is the input's: a strip in the mixer with fader, meters, filters and tracks (browser.audio
 * chunks). As OBS's (OBS_SOURCE_AUDIO), the kind has audio either way; off, its strip stays silent.
 */
export const BROWSER_SOURCE: KindDescriptor = {
  id: 'browser_source',
  category: 'input',
  displayName: 'Browser',
  video: true,
  audio: true,
  defaults: {
    is_local_file: false,
    local_file: '',
    url: 'https://obsproject.com/browser-source',
    width: 800,
    height: 600,
    fps_custom: false,
    fps: 30,
    reroute_audio: false,
    css: 'body { background-color: rgba(0, 0, 0, 0); margin: 0px auto; overflow: hidden; }',
    shutdown: false,
    restart_when_active: false,
  },
  properties: [
    { type: 'bool', name: 'is_local_file', label: 'Local file' },
    { type: 'path', name: 'local_file', label: 'Local file', filter: 'HTML files (*.html *.htm)' },
    { type: 'text', name: 'url', label: 'URL', maxLength: 65536 },
    { type: 'int', name: 'width', label: 'Width', min: 1, max: 4096, suffix: 'px' },
    { type: 'int', name: 'height', label: 'Height', min: 1, max: 4096, suffix: 'px' },
    { type: 'bool', name: 'fps_custom', label: 'Use custom frame rate' },
    { type: 'int', name: 'fps', label: 'FPS', min: 1, max: 60 },
    { type: 'bool', name: 'reroute_audio', label: 'Control audio via OBS' },
    { type: 'text', name: 'css', label: 'Custom CSS', multiline: true, maxLength: 65536 },
    { type: 'bool', name: 'shutdown', label: 'Shutdown source when not visible' },
    { type: 'bool', name: 'restart_when_active', label: 'Refresh browser when scene becomes active' },
  ],
};

/** OBS's button that reloads the page (PressInputPropertiesButton propertyName). */
export const BROWSER_REFRESH_BUTTON = 'refreshnocache';

/** The schemes a browser source's `url` may use; a local file goes in local_file instead. */
const URL_SCHEMES = new Set(['http:', 'https:', 'data:', 'about:']);

/**
 * Why a browser source's settings cannot be shown (the field and a sentence), or null when they can.
 * Shared so the engine refuses them at the boundary and every host re-checks before it navigates.
 */
export function browserSettingsProblem(settings: Record<string, unknown>): { field: string; message: string } | null {
  const local = settings['is_local_file'] === true;
  if (local) {
    const file = settings['local_file'];
    if (typeof file !== 'string' || file === '') return null;
    // Absolute on POSIX or Windows (C:\ or \\server\share).
    if (!file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file) && !file.startsWith('\\\\')) {
      return { field: 'settings.local_file', message: `Local file must be an absolute path to an HTML file; "${file}" is not.` };
    }
    return null;
  }
  const url = settings['url'];
  if (typeof url !== 'string' || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { field: 'settings.url', message: `URL "${clip(url)}" is not a valid address; use http://, https:// or data:.` };
  }
  if (parsed.protocol === 'file:') {
    return {
      field: 'settings.url',
      message: 'URL cannot be a file:// address: turn on "Local file" (is_local_file) and choose the file in local_file.',
    };
  }
  if (!URL_SCHEMES.has(parsed.protocol)) {
    return {
      field: 'settings.url',
      message: `URL uses the "${parsed.protocol}" scheme, which a browser source does not open; use http://, https:// or data:.`,
    };
  }
  if (parsed.protocol === 'about:' && parsed.href !== 'about:blank') {
    return { field: 'settings.url', message: 'URL may only be about:blank among about: pages.' };
  }
  return null;
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** The address a host loads for these settings (a local file as a file: URL), or null for none. */
export function browserPageUrl(settings: Record<string, unknown>): string | null {
  if (browserSettingsProblem(settings)) return null;
  if (settings['is_local_file'] === true) {
    const file = settings['local_file'];
    if (typeof file !== 'string' || file === '') return null;
    const posix = file.replace(/\\/g, '/');
    const withRoot = posix.startsWith('/') ? posix : `/${posix}`;
    return `file://${withRoot.split('/').map(encodeURIComponent).join('/')}`.replace(/%3A/g, ':');
  }
  const url = settings['url'];
  return typeof url === 'string' && url.trim() !== '' ? url.trim() : null;
}
