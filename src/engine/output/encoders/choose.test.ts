import { describe, expect, it } from 'vitest';
import { chooseEncoder } from './choose';
import type { EncoderProbe } from './probe';

const ok = (name: string): EncoderProbe => ({ name, listed: true, works: true, reason: 'Passed a real test encode (10 frames in 90 ms)', ms: 90 });
const bad = (name: string, reason: string): EncoderProbe => ({ name, listed: true, works: false, reason, ms: 40 });

/** What this machine (no GPU, Debian FFmpeg) reports. */
const NO_GPU: EncoderProbe[] = [
  bad('h264_nvenc', 'No NVIDIA GPU/driver (cannot load libcuda.so.1)'),
  bad('hevc_nvenc', 'No NVIDIA GPU/driver (cannot load libcuda.so.1)'),
  bad('h264_qsv', 'No Intel Quick Sync device/driver (the MFX session could not start: unsupported (-3))'),
  { name: 'h264_videotoolbox', listed: false, works: false, reason: 'Not in this FFmpeg build: VideoToolbox exists only in FFmpeg builds for macOS', ms: 0 },
  { name: 'h264_amf', listed: false, works: false, reason: 'Not in this FFmpeg build: AMF exists only in FFmpeg builds with AMD AMF support (usually Windows)', ms: 0 },
  bad('h264_vaapi', 'No VAAPI device at /dev/dri/renderD128 (missing, or this user may not open it)'),
  ok('libx264'),
];

describe('chooseEncoder', () => {
  it('auto with no working hardware: libx264, listing why each hardware encoder failed (not HEVC)', () => {
    expect(chooseEncoder(NO_GPU)).toEqual({
      name: 'libx264',
      tested: true,
      why:
        'Using libx264 (software): no hardware encoder worked — h264_nvenc: No NVIDIA GPU/driver (cannot load libcuda.so.1); ' +
        'h264_qsv: No Intel Quick Sync device/driver (the MFX session could not start: unsupported (-3)); ' +
        'h264_videotoolbox: Not in this FFmpeg build: VideoToolbox exists only in FFmpeg builds for macOS; ' +
        'h264_amf: Not in this FFmpeg build: AMF exists only in FFmpeg builds with AMD AMF support (usually Windows); ' +
        'h264_vaapi: No VAAPI device at /dev/dri/renderD128 (missing, or this user may not open it).',
    });
  });

  it('auto picks the first working hardware encoder in preference order and names those passed over', () => {
    const probes = NO_GPU.map((p) => (p.name === 'h264_vaapi' || p.name === 'h264_qsv' ? ok(p.name) : p));
    const choice = chooseEncoder(probes);
    expect(choice.name).toBe('h264_qsv');
    expect(choice.why).toBe(
      'h264_qsv (Intel Quick Sync H.264) was chosen: it is the first hardware encoder in the preference order that passed a real test encode here, ' +
        'so encoding stays off the CPU. Not used: h264_nvenc: No NVIDIA GPU/driver (cannot load libcuda.so.1).',
    );
    expect(chooseEncoder([ok('h264_nvenc'), ok('libx264')]).why).not.toContain('Not used');
    expect(chooseEncoder(probes, ' ').name).toBe('h264_qsv'); // an empty setting means auto
  });

  it('auto never picks HEVC, even when it is the only hardware that works', () => {
    const probes = NO_GPU.map((p) => (p.name === 'hevc_nvenc' ? ok(p.name) : p));
    expect(chooseEncoder(probes).name).toBe('libx264');
  });

  it("keeps the user's choice when it works", () => {
    const probes = NO_GPU.map((p) => (p.name === 'h264_vaapi' ? ok(p.name) : p));
    expect(chooseEncoder(probes, 'libx264')).toEqual({
      name: 'libx264',
      tested: true,
      why: 'libx264 (x264 software encoder) was chosen: you selected it and it passed a real test encode here.',
    });
    expect(chooseEncoder(probes, 'h264_vaapi').name).toBe('h264_vaapi');
  });

  it("replaces a user's choice that does not work, saying why", () => {
    expect(chooseEncoder(NO_GPU, 'h264_nvenc')).toEqual({
      name: 'libx264',
      tested: true,
      why: 'Using libx264 (software): h264_nvenc, which you selected, does not work here — No NVIDIA GPU/driver (cannot load libcuda.so.1).',
    });
    const withQsv = NO_GPU.map((p) => (p.name === 'h264_qsv' ? ok(p.name) : p));
    expect(chooseEncoder(withQsv, 'h264_nvenc').why).toBe(
      'Using h264_qsv (Intel Quick Sync H.264): h264_nvenc, which you selected, does not work here — No NVIDIA GPU/driver (cannot load libcuda.so.1).',
    );
    expect(chooseEncoder(NO_GPU, 'h264_bogus').why).toBe(
      'Using libx264 (software): h264_bogus, which you selected, does not work here — it was not tested.',
    );
  });

  it('HEVC only when allowed: RTMP carries H.264 only', () => {
    const probes = [ok('hevc_nvenc'), ok('h264_nvenc'), ok('libx264')];
    expect(chooseEncoder(probes, 'hevc_nvenc')).toEqual({
      name: 'h264_nvenc',
      tested: true,
      why: 'Using h264_nvenc (NVIDIA NVENC H.264): hevc_nvenc, which you selected, encodes HEVC, and RTMP (FLV) carries only H.264.',
    });
    expect(chooseEncoder(probes, 'hevc_nvenc', { allowHevc: true }).name).toBe('hevc_nvenc');
  });

  it('names libx264 as an untested last resort when nothing worked', () => {
    const none = NO_GPU.map((p) => (p.name === 'libx264' ? bad('libx264', 'it is not in this FFmpeg build') : p));
    const auto = chooseEncoder(none);
    expect(auto.name).toBe('libx264');
    expect(auto.tested).toBe(false);
    expect(auto.why).toMatch(/^Trying libx264 \(software\) anyway: no encoder passed a test encode — h264_nvenc: .*; libx264: it is not in this FFmpeg build\.$/);
    expect(chooseEncoder(none, 'h264_qsv').why).toMatch(/^Trying libx264 \(software\) anyway: h264_qsv, which you selected, does not work here — .*, and no other encoder passed a test encode either\.$/);
    expect(chooseEncoder([]).why).toBe('Trying libx264 (software) anyway: no encoder passed a test encode.');
  });
});
