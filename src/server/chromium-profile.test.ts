import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeChromiumProfile, singletonFolder } from './chromium-profile';

let base: string;
let temp: string;
let profile: string;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-test-'));
  temp = path.join(base, 'tmp');
  profile = path.join(base, 'profile');
  mkdirSync(temp);
  mkdirSync(profile);
  writeFileSync(path.join(profile, 'Local State'), '{}');
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

/** Lays out what Chromium leaves: a singleton folder in `parent` and the profile's link to its socket. */
function singleton(parent: string, name: string, extra: string[] = []): string {
  const folder = path.join(parent, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'SingletonSocket'), '');
  symlinkSync('1234567890', path.join(folder, 'SingletonCookie'));
  for (const file of extra) writeFileSync(path.join(folder, file), 'keep me');
  symlinkSync(path.join(folder, 'SingletonSocket'), path.join(profile, 'SingletonSocket'));
  return folder;
}

describe('removeChromiumProfile', () => {
  it("removes the profile and Chromium's singleton folder in the temp directory", () => {
    const folder = singleton(temp, 'org.chromium.Chromium.a1B2c3');
    expect(singletonFolder(profile, temp)).toBe(folder);
    removeChromiumProfile(profile, temp);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(profile)).toBe(false);
  });

  it("knows Chrome's name for it too", () => {
    const folder = singleton(temp, 'com.google.Chrome.XyZ789');
    removeChromiumProfile(profile, temp);
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves a folder outside the temp directory, whatever its name', () => {
    const folder = singleton(path.join(base, 'elsewhere'), 'org.chromium.Chromium.a1B2c3');
    removeChromiumProfile(profile, temp);
    expect(existsSync(folder)).toBe(true);
    expect(existsSync(profile)).toBe(false);
  });

  it('leaves a folder in the temp directory with another name', () => {
    const folder = singleton(temp, 'my-recordings');
    removeChromiumProfile(profile, temp);
    expect(existsSync(folder)).toBe(true);
  });

  it('leaves a singleton-named folder that holds anything else', () => {
    const folder = singleton(temp, 'org.chromium.Chromium.a1B2c3', ['stream-key.txt']);
    removeChromiumProfile(profile, temp);
    expect(existsSync(path.join(folder, 'stream-key.txt'))).toBe(true);
  });

  it('removes a profile without a singleton link (the browser never got that far)', () => {
    expect(singletonFolder(profile, temp)).toBeNull();
    removeChromiumProfile(profile, temp);
    expect(existsSync(profile)).toBe(false);
  });
});
