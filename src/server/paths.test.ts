import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './paths';

describe('defaultDataDir', () => {
  it('follows XDG on Linux, falling back to ~/.config', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe(path.join('/xdg', 'broadcast-studio'));
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(path.join('/home/u', '.config', 'broadcast-studio'));
    // The XDG spec says relative values are invalid and must be ignored.
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/home/u')).toBe(path.join('/home/u', '.config', 'broadcast-studio'));
  });

  it('uses the platform folders Electron uses on macOS and Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(path.join('/Users/u', 'Library', 'Application Support', 'broadcast-studio'));
    expect(defaultDataDir({ APPDATA: 'C:\\AppData' }, 'win32', 'C:\\u')).toBe(path.join('C:\\AppData', 'broadcast-studio'));
  });
});
