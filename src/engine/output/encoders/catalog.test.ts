import { describe, expect, it } from 'vitest';
import type { EncoderSettings } from '../../../shared';
import { buildEncoderArgs } from '../ffmpeg-args';
import {
  ENCODER_CATALOG,
  ENCODER_NAMES,
  amfQuality,
  encoderArgs,
  encoderLabel,
  encoderPlan,
  gopFrames,
  isEncoderName,
  nvencPreset,
  qsvPreset,
  vaapiQuality,
} from './catalog';

const CBR: EncoderSettings = {
  encoder: 'auto',
  rateControl: 'CBR',
  bitrateKbps: 6000,
  keyframeIntervalSec: 2,
  preset: 'veryfast',
  profile: 'high',
  bFrames: 2,
  audioBitrateKbps: 160,
};
const VBR: EncoderSettings = { ...CBR, rateControl: 'VBR', bitrateKbps: 2500, preset: 'medium', profile: 'main', bFrames: 1 };
const FPS60 = { num: 60, den: 1 };
const FPS30 = { num: 30, den: 1 };

describe('catalog', () => {
  it('orders hardware first: nvenc > qsv > videotoolbox > amf > vaapi > libx264, with HEVC never automatic', () => {
    const auto = [...ENCODER_CATALOG].sort((a, b) => a.rank - b.rank).filter((e) => e.auto).map((e) => e.name);
    expect(auto).toEqual(['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf', 'h264_vaapi', 'libx264']);
    expect(ENCODER_CATALOG.find((e) => e.name === 'hevc_nvenc')).toMatchObject({ codec: 'hevc', hardware: true, auto: false });
    expect(ENCODER_CATALOG.filter((e) => !e.hardware).map((e) => e.name)).toEqual(['libx264']);
    expect(ENCODER_CATALOG.map((e) => e.name).sort()).toEqual([...ENCODER_NAMES].sort());
    expect(isEncoderName('h264_nvenc')).toBe(true);
    expect(isEncoderName('h264_bogus')).toBe(false);
    expect(encoderLabel('h264_qsv')).toBe('h264_qsv (Intel Quick Sync H.264)');
    expect(encoderLabel('h264_bogus')).toBe('h264_bogus');
  });

  it('counts keyframe intervals in frames, rounding NTSC rates', () => {
    expect(gopFrames(2, FPS60)).toBe(120);
    expect(gopFrames(2, { num: 30000, den: 1001 })).toBe(60);
    expect(gopFrames(1, { num: 1, den: 2 })).toBe(1); // never 0
  });

  it('maps x264 preset names onto each encoder scale in order', () => {
    const names = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'];
    expect(names.map(nvencPreset)).toEqual(['p1', 'p2', 'p3', 'p4', 'p4', 'p5', 'p6', 'p7', 'p7', 'p7']);
    expect(names.map(qsvPreset)).toEqual(['veryfast', 'veryfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'veryslow']);
    expect(names.map(vaapiQuality)).toEqual([7, 7, 7, 6, 5, 4, 3, 2, 1, 1]);
    expect(names.map(amfQuality)).toEqual(['speed', 'speed', 'speed', 'speed', 'balanced', 'balanced', 'quality', 'quality', 'quality', 'quality']);
    // An unknown name (an old profile file) lands on the live default rather than failing.
    expect(nvencPreset('turbo')).toBe('p3');
  });
});

describe('encoderArgs', () => {
  it('libx264: CBR with HRD padding, fixed GOP, no scene cuts', () => {
    expect(encoderArgs('libx264', CBR, FPS60)).toEqual([
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', '-bf', '2',
      '-b:v', '6000k', '-minrate', '6000k', '-maxrate', '6000k', '-bufsize', '6000k', '-x264-params', 'nal-hrd=cbr',
      '-g', '120', '-keyint_min', '120', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    ]);
    expect(encoderArgs('libx264', VBR, FPS30)).toEqual([
      '-c:v', 'libx264', '-preset', 'medium', '-tune', 'zerolatency', '-profile:v', 'main', '-bf', '1',
      '-b:v', '2500k', '-maxrate', '3750k', '-bufsize', '5000k',
      '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    ]);
  });

  it('libx264 matches the video part of the spine command line (ffmpeg-args.ts)', () => {
    const full = buildEncoderArgs({
      video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 60, fpsDenominator: 1 },
      encoder: { ...CBR, encoder: 'libx264' },
      target: { kind: 'null' },
    });
    const from = full.indexOf('-c:v');
    const to = full.indexOf('yuv420p') + 1;
    expect(full.slice(from, to)).toEqual(encoderArgs('libx264', CBR, FPS60));
  });

  it('h264_nvenc: p-preset, low-latency tune, its own rate control switch', () => {
    expect(encoderArgs('h264_nvenc', CBR, FPS60)).toEqual([
      '-c:v', 'h264_nvenc', '-preset', 'p3', '-tune', 'll', '-profile:v', 'high',
      '-rc', 'cbr', '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k',
      '-g', '120', '-bf', '2', '-pix_fmt', 'nv12',
    ]);
    expect(encoderArgs('h264_nvenc', VBR, FPS30)).toEqual([
      '-c:v', 'h264_nvenc', '-preset', 'p5', '-tune', 'll', '-profile:v', 'main',
      '-rc', 'vbr', '-b:v', '2500k', '-maxrate', '3750k', '-bufsize', '5000k',
      '-g', '60', '-bf', '1', '-pix_fmt', 'nv12',
    ]);
  });

  it('hevc_nvenc: always the main profile', () => {
    expect(encoderArgs('hevc_nvenc', { ...CBR, profile: 'baseline' }, FPS30)).toEqual([
      '-c:v', 'hevc_nvenc', '-preset', 'p3', '-tune', 'll', '-profile:v', 'main',
      '-rc', 'cbr', '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k',
      '-g', '60', '-bf', '0', '-pix_fmt', 'nv12',
    ]);
  });

  it('h264_qsv: rate control follows maxrate, look-ahead off', () => {
    expect(encoderArgs('h264_qsv', CBR, FPS60)).toEqual([
      '-c:v', 'h264_qsv', '-preset', 'veryfast', '-look_ahead', '0', '-profile:v', 'high',
      '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k', '-g', '120', '-bf', '2', '-pix_fmt', 'nv12',
    ]);
    expect(encoderArgs('h264_qsv', VBR, FPS30)).toEqual([
      '-c:v', 'h264_qsv', '-preset', 'medium', '-look_ahead', '0', '-profile:v', 'main',
      '-b:v', '2500k', '-maxrate', '3750k', '-bufsize', '5000k', '-g', '60', '-bf', '1', '-pix_fmt', 'nv12',
    ]);
  });

  it('h264_videotoolbox: realtime, hardware only, a data-rate limit instead of a buffer', () => {
    expect(encoderArgs('h264_videotoolbox', CBR, FPS60)).toEqual([
      '-c:v', 'h264_videotoolbox', '-realtime', '1', '-allow_sw', '0', '-profile:v', 'high',
      '-b:v', '6000k', '-maxrate', '6000k', '-g', '120', '-bf', '2', '-pix_fmt', 'nv12',
    ]);
    expect(encoderArgs('h264_videotoolbox', VBR, FPS30)).toContain('3750k');
  });

  it('h264_amf: low-latency usage, CBR with HRD and filler, VBR capped at the peak', () => {
    expect(encoderArgs('h264_amf', CBR, FPS60)).toEqual([
      '-c:v', 'h264_amf', '-usage', 'lowlatency', '-quality', 'speed', '-profile:v', 'high',
      '-rc', 'cbr', '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k', '-enforce_hrd', '1', '-filler_data', '1',
      '-g', '120', '-bf', '2', '-pix_fmt', 'nv12',
    ]);
    expect(encoderArgs('h264_amf', { ...VBR, profile: 'baseline' }, FPS30)).toEqual([
      '-c:v', 'h264_amf', '-usage', 'lowlatency', '-quality', 'balanced', '-profile:v', 'constrained_baseline',
      '-rc', 'vbr_peak', '-b:v', '2500k', '-maxrate', '3750k', '-bufsize', '5000k',
      '-g', '60', '-bf', '0', '-pix_fmt', 'nv12',
    ]);
  });

  it('h264_vaapi: opens the render node, uploads NV12 frames, names its rate control mode', () => {
    expect(encoderArgs('h264_vaapi', CBR, FPS60)).toEqual([
      '-vaapi_device', '/dev/dri/renderD128', '-vf', 'format=nv12,hwupload',
      '-c:v', 'h264_vaapi', '-rc_mode', 'CBR', '-quality', '7', '-profile:v', 'high',
      '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k', '-g', '120', '-bf', '2',
    ]);
    const plan = encoderPlan('h264_vaapi', { ...VBR, profile: 'baseline' }, FPS30, { vaapiDevice: '/dev/dri/renderD129' });
    expect(plan).toEqual({
      global: ['-vaapi_device', '/dev/dri/renderD129'],
      filters: ['format=nv12', 'hwupload'],
      output: [
        '-c:v', 'h264_vaapi', '-rc_mode', 'VBR', '-quality', '4', '-profile:v', 'constrained_baseline',
        '-b:v', '2500k', '-maxrate', '3750k', '-bufsize', '5000k', '-g', '60', '-bf', '0',
      ],
    });
  });

  it('never asks for B-frames in the baseline profile, and rounds odd inputs', () => {
    for (const name of ENCODER_NAMES) {
      const args = encoderArgs(name, { ...CBR, profile: 'baseline', bFrames: 3, bitrateKbps: 2999.6 }, FPS30);
      expect(args[args.indexOf('-bf') + 1], name).toBe('0');
      expect(args[args.indexOf('-b:v') + 1], name).toBe('3000k');
      expect(args[args.indexOf('-g') + 1], name).toBe('60');
    }
  });
});
