/**
 * Packaging, checked without packaging (that needs Electron's download): the electron-builder
 * config passes electron-builder's own schema validation and asks for what the installers must
 * have; the afterPack hook flips the fuses in a binary laid out as Electron's fuse wire is; the
 * icon is there.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'build/electron-builder.yml');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  [key: string]: unknown;
  mac: { target: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
  win: { target: string };
  linux: { target: string[] };
  asarUnpack: string[];
  afterPack: string;
  directories: { buildResources: string };
}

const builder = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

let config: BuilderConfig;
let dir: string;
beforeAll(async () => {
  config = await builder.getConfig(ROOT, CONFIG);
  dir = await mkdtemp(path.join(tmpdir(), 'bs-packaging-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('build/electron-builder.yml', () => {
  it("passes electron-builder's own validation, which does reject a wrong option", async () => {
    await expect(builder.validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...structuredClone(config), mac: { ...config.mac, hardenedRuntme: true } };
    await expect(builder.validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('builds NSIS, a hardened dmg with usage strings, AppImage and deb', async () => {
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    for (const key of ['NSCameraUsageDescription', 'NSMicrophoneUsageDescription', 'NSScreenCaptureUsageDescription']) {
      expect(config.mac.extendInfo[key], key).toMatch(/^Broadcast Studio .{20,}/);
    }
    const entitlements = await readFile(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.device.camera</key>');
    expect(entitlements).toContain('<key>com.apple.security.device.audio-input</key>');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it("unpacks ffmpeg-static's binary from the archive, where the locator looks", () => {
    // electron-builder matches asarUnpack globs against paths in the app; this is the one the
    // locator's unpackedPath() maps to (locate-ffmpeg.test.ts).
    expect(config.asarUnpack).toContain('node_modules/ffmpeg-static/**');
    const pkg = require(path.join(ROOT, 'package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('ffmpeg-static');
  });

  it('has its icon: a square PNG of at least 512 px with alpha', async () => {
    const png = await readFile(path.join(ROOT, config.directories.buildResources, 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const width = png.readUInt32BE(16);
    expect(png.readUInt32BE(20)).toBe(width);
    expect(width).toBeGreaterThanOrEqual(512);
    expect(png[25], 'colour type RGBA').toBe(6);
  });
});

describe('the afterPack fuses hook', () => {
  /** A stand-in Electron binary: Electron's fuse sentinel, wire version 1, nine fuses at Electron's defaults. */
  async function fakeElectron(file: string): Promise<void> {
    const defaults = '101100011';
    await writeFile(file, Buffer.concat([Buffer.alloc(4096, 0xcc), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.alloc(4096, 0xcc)]));
  }

  it('is the hook the config names, and flips exactly the fuses we want', async () => {
    expect(path.resolve(ROOT, config.afterPack)).toBe(path.join(ROOT, 'build/fuses.mjs'));
    const hook = await import('../../build/fuses.mjs');
    const packager = { appInfo: { productFilename: 'Broadcast Studio' }, executableName: 'broadcast-studio' };
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager };
    expect(hook.electronBinary(context)).toBe(path.join(dir, 'broadcast-studio'));
    expect(hook.electronBinary({ ...context, electronPlatformName: 'win32' })).toBe(path.join(dir, 'Broadcast Studio.exe'));
    expect(hook.electronBinary({ ...context, electronPlatformName: 'darwin' })).toBe(path.join(dir, 'Broadcast Studio.app'));

    await fakeElectron(path.join(dir, 'broadcast-studio'));
    await copyFile(path.join(dir, 'broadcast-studio'), path.join(dir, 'before'));
    await hook.afterPack(context);
    const wire = (await getCurrentFuseWire(path.join(dir, 'broadcast-studio'))) as unknown as Record<number, number>;
    const off = FuseState.DISABLE;
    const on = FuseState.ENABLE;
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    }).toEqual({ runAsNode: off, nodeOptions: off, inspect: off, cookieEncryption: on, asarIntegrity: on, onlyAsar: on });
    // The others keep Electron's defaults.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(off);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(on);
    // Only the wire changed.
    const [before, after] = await Promise.all([readFile(path.join(dir, 'before')), readFile(path.join(dir, 'broadcast-studio'))]);
    expect(after.length).toBe(before.length);
    expect([...after].filter((b, i) => b !== before[i]).length).toBe(6);
  });
});
