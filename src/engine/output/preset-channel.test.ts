import { execFileSync } from 'node:child_process';
import { existsSync, fstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPresetChannel } from './preset-channel';

const leftovers = (): string[] =>
  ['/dev/shm', tmpdir()].filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((f) => f.startsWith('studio-push-')));

describe('openPresetChannel', () => {
  it('hands the child an unlinked, owner-only file on a descriptor it reads as /dev/fd/N', () => {
    const before = leftovers();
    const r = openPresetChannel('rtmp_playpath=k\n', 5, 'linux');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.path).toBe('/dev/fd/5');
    const inherit = r.value.inherit!;
    expect(inherit.fd).toBe(5);
    // Nothing is left under a name: no folder, no file.
    expect(leftovers()).toEqual(before);
    expect(fstatSync(inherit.handle).nlink).toBe(0);
    expect(fstatSync(inherit.handle).mode & 0o077).toBe(0);
    // A real child reads it the way FFmpeg's preset reader does: by opening the path.
    const read = execFileSync('/bin/sh', ['-c', 'cat /dev/fd/5'], { stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'ignore', inherit.handle], encoding: 'utf8' });
    expect(read).toBe('rtmp_playpath=k\n');
    r.value.spawned();
    expect(() => fstatSync(inherit.handle)).toThrow();
    r.value.dispose();
  });

  it('on Windows, a file only its owner may read, in a folder of its own, gone after dispose', () => {
    const r = openPresetChannel('rtmp_playpath=k\n', 5, 'win32');
    if (!r.ok) throw new Error(r.error.message);
    const file = r.value.path;
    expect(r.value.inherit).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('rtmp_playpath=k\n');
    r.value.spawned();
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    }
    r.value.dispose();
    r.value.dispose();
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});
