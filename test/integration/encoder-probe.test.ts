/**
 * The encoder probe against the real FFmpeg. On the CI machine (Debian's FFmpeg 5.1, no GPU) NVENC,
 * Quick Sync and VA-API are compiled in but have no hardware, VideoToolbox and AMF are not compiled
 * in at all, and libx264 works. Where this runs on a machine with an NVIDIA GPU or a DRM render node,
 * the expectations follow what the machine has instead of skipping.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENCODER_CATALOG,
  EncoderFallback,
  chooseEncoder,
  encoderArgs,
  encoderPlan,
  probeEncoders,
  type EncoderProbe,
  type ProbeSettings,
} from '../../src/engine/output/encoders';
import { ffprobeJson } from '../harness';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const run = promisify(execFile);
const hasNvidia = existsSync('/dev/nvidiactl');
const hasRenderNode = existsSync('/dev/dri/renderD128');

let dir: string;
let probes: EncoderProbe[];
const probe = (name: string): EncoderProbe => {
  const p = probes.find((x) => x.name === name);
  if (!p) throw new Error(`no probe for ${name}`);
  return p;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'encoder-probe-'));
  probes = await probeEncoders(FFMPEG, { candidates: [...ENCODER_CATALOG.map((e) => e.name), 'h264_bogus'] });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeEncoders with the real FFmpeg', () => {
  it('probes each candidate once, in order, with a one-line reason', () => {
    expect(probes.map((p) => p.name)).toEqual([...ENCODER_CATALOG.map((e) => e.name), 'h264_bogus']);
    for (const p of probes) {
      expect(p.reason, p.name).not.toMatch(/\n/);
      expect(p.reason.length, p.name).toBeGreaterThan(10);
    }
  });

  it('libx264 is listed and passes a real test encode', () => {
    expect(probe('libx264')).toMatchObject({ listed: true, works: true });
    expect(probe('libx264').reason).toMatch(/^Passed a real test encode \(10 frames in \d+ ms\)$/);
  });

  it('NVENC is compiled in; without an NVIDIA driver it fails, naming the missing driver', () => {
    for (const name of ['h264_nvenc', 'hevc_nvenc']) {
      const p = probe(name);
      expect(p.listed, name).toBe(true);
      expect(p.works, name).toBe(hasNvidia);
      if (!hasNvidia) expect(p.reason, name).toBe('No NVIDIA GPU/driver (cannot load libcuda.so.1)');
    }
  });

  it('Quick Sync and VA-API are compiled in; without a render node they fail, naming the device', () => {
    expect(probe('h264_qsv').listed).toBe(true);
    expect(probe('h264_vaapi').listed).toBe(true);
    if (!hasRenderNode) {
      expect(probe('h264_qsv')).toMatchObject({ works: false });
      expect(probe('h264_qsv').reason).toMatch(/^No Intel Quick Sync device\/driver \(the MFX session could not start: .+\)$/);
      expect(probe('h264_vaapi')).toMatchObject({
        works: false,
        reason: 'No VAAPI device at /dev/dri/renderD128 (missing, or this user may not open it)',
      });
    } else {
      for (const name of ['h264_qsv', 'h264_vaapi']) {
        if (!probe(name).works) expect(probe(name).reason, name).toMatch(/Quick Sync|VAAPI|MFX/);
      }
    }
  });

  it('VideoToolbox and AMF are not in a Linux build, and the reason says where they exist', () => {
    expect(probe('h264_videotoolbox')).toEqual({
      name: 'h264_videotoolbox',
      listed: false,
      works: false,
      reason: 'Not in this FFmpeg build: VideoToolbox exists only in FFmpeg builds for macOS',
      ms: 0,
    });
    expect(probe('h264_amf')).toMatchObject({ listed: false, works: false });
    expect(probe('h264_amf').reason).toMatch(/^Not in this FFmpeg build: AMF exists only/);
  });

  it('a name FFmpeg does not have is neither listed nor working', () => {
    expect(probe('h264_bogus')).toMatchObject({
      listed: false,
      works: false,
      reason: 'Not in this FFmpeg build: FFmpeg has no encoder named h264_bogus',
    });
  });

  it('choosing h264_nvenc on this machine falls back to libx264 and says why', () => {
    const choice = chooseEncoder(probes, 'h264_nvenc');
    if (hasNvidia) {
      expect(choice.name).toBe('h264_nvenc');
      return;
    }
    expect(choice).toEqual({
      name: 'libx264',
      tested: true,
      why: 'Using libx264 (software): h264_nvenc, which you selected, does not work here — No NVIDIA GPU/driver (cannot load libcuda.so.1).',
    });
    expect(chooseEncoder(probes).name).toBe('libx264');
  });

  it('other settings (VBR, baseline, B-frames, slow preset) fail for the hardware reason, never for a rejected option', async () => {
    const other: ProbeSettings = { rateControl: 'VBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'slow', profile: 'baseline', bFrames: 2 };
    const again = await probeEncoders(FFMPEG, { candidates: ['h264_nvenc', 'hevc_nvenc', 'h264_qsv', 'h264_vaapi', 'libx264'], settings: other });
    for (const p of again) {
      expect(p.reason, p.name).not.toMatch(/rejected|option|Unrecognized/i);
      expect(p.works, p.name).toBe(probe(p.name).works);
    }
  });
});

/** Option names and named values each encoder accepts, from `ffmpeg -h encoder=NAME` and `-h full`. */
function parseOptions(text: string): Map<string, Set<string>> {
  const opts = new Map<string, Set<string>>();
  let current: Set<string> | null = null;
  for (const line of text.split('\n')) {
    const tool = /^-(\S+)/.exec(line); // ffmpeg's own options, at column 0
    const av = /^ {2}-(\S+)\s+<\w+>/.exec(line); // AVOptions
    const constant = /^ {5,}(\S+)\s/.exec(line); // a named value of the option above
    if (tool || av) {
      current = new Set();
      const name = (tool ?? av)![1]!;
      if (!opts.has(name)) opts.set(name, current);
      else current = opts.get(name)!;
    } else if (constant && current) {
      current.add(constant[1]!);
    } else if (!line.startsWith(' ')) {
      current = null;
    }
  }
  return opts;
}

describe('catalog arguments against this FFmpeg', () => {
  it('every option we pass is one this FFmpeg knows for that encoder, with a value it names', async () => {
    const full = (await run(FFMPEG, ['-hide_banner', '-h', 'full'], { maxBuffer: 16 << 20 })).stdout;
    // ffmpeg's own options and the generic codec options, but not other encoders' private ones.
    const start = full.indexOf('AVCodecContext AVOptions:');
    const end = start + 1 + full.slice(start + 1).search(/\n\S[^\n]* AVOptions:/);
    const generic = parseOptions(full.slice(0, end));
    expect(generic.has('vaapi_device')).toBe(true);
    expect(generic.has('maxrate')).toBe(true);
    expect(generic.has('rc')).toBe(false); // NVENC's, not generic: the slice above must exclude it
    const settings: ProbeSettings[] = [
      { rateControl: 'CBR', bitrateKbps: 6000, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'high', bFrames: 2 },
      { rateControl: 'VBR', bitrateKbps: 2500, keyframeIntervalSec: 1, preset: 'placebo', profile: 'baseline', bFrames: 0 },
      { rateControl: 'CBR', bitrateKbps: 1000, keyframeIntervalSec: 4, preset: 'ultrafast', profile: 'main', bFrames: 1 },
    ];
    let checked = 0;
    for (const e of ENCODER_CATALOG) {
      if (!probe(e.name).listed) continue;
      const own = parseOptions((await run(FFMPEG, ['-hide_banner', '-h', `encoder=${e.name}`])).stdout);
      for (const s of settings) {
        const plan = encoderPlan(e.name, s, { num: 30, den: 1 });
        const args = [...plan.global, ...plan.output];
        for (let i = 0; i < args.length; i += 2) {
          const name = args[i]!.slice(1).replace(/:v$/, '');
          const value = args[i + 1]!;
          const known = own.get(name) ?? generic.get(name);
          expect(known, `${e.name}: -${name}`).toBeDefined();
          // A named value must be one the option lists; numbers and free text (x264's) pass.
          if (known!.size > 0 && !/^-?\d+$/.test(value)) expect([...known!], `${e.name}: -${name} ${value}`).toContain(value);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('libx264 with our arguments writes H.264 at the asked bitrate (±50 %) with a keyframe every interval', async () => {
    const file = path.join(dir, 'x264.mp4');
    const s: ProbeSettings = { rateControl: 'CBR', bitrateKbps: 800, keyframeIntervalSec: 1, preset: 'veryfast', profile: 'main', bFrames: 2 };
    await run(FFMPEG, [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-frames:v', '180',
      ...encoderArgs('libx264', s, { num: 30, den: 1 }),
      '-y', '-f', 'mp4', file,
    ]);
    const info = await ffprobeJson(file);
    const v = info.streams.find((x) => x.codec_type === 'video')!;
    expect(v).toMatchObject({ codec_name: 'h264', width: 640, height: 360, pix_fmt: 'yuv420p', profile: 'Main' });
    const kbps = Number((v as { bit_rate?: string }).bit_rate) / 1000;
    expect(kbps).toBeGreaterThan(800 * 0.5);
    expect(kbps).toBeLessThan(800 * 1.5);
    const packets = (await run('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts,flags', '-of', 'csv=p=0', file])).stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','))
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    const keyframes = packets.map((p, i) => (p[1]!.startsWith('K') ? i : -1)).filter((i) => i >= 0);
    expect(keyframes).toEqual([0, 30, 60, 90, 120, 150]);
  });

  it('a real NVENC failure drives the fallback, and the libx264 that replaces it encodes', async () => {
    if (hasNvidia) return expect(probe('h264_nvenc').works).toBe(true);
    const s: ProbeSettings = { rateControl: 'CBR', bitrateKbps: 1000, keyframeIntervalSec: 1, preset: 'veryfast', profile: 'high', bFrames: 0 };
    const attempt = async (name: 'h264_nvenc' | 'libx264') => {
      const file = path.join(dir, `${name}.mkv`);
      const args = ['-hide_banner', '-nostdin', '-nostats', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-frames:v', '30', ...encoderArgs(name, s, { num: 30, den: 1 }), '-y', file];
      try {
        await run(FFMPEG, args);
        return { file, lines: [] as string[], code: 0 };
      } catch (e) {
        const err = e as { code: number; stderr: string };
        return { file, lines: err.stderr.split('\n').filter(Boolean), code: err.code };
      }
    };
    const failed = await attempt('h264_nvenc');
    expect(failed.code).not.toBe(0);
    const fb = new EncoderFallback('h264_nvenc');
    const sw = fb.next(failed.lines, { code: failed.code, signal: null, outputOpened: false });
    expect(sw).toEqual({
      from: 'h264_nvenc',
      to: 'libx264',
      message: 'h264_nvenc could not start (No NVIDIA GPU/driver (cannot load libcuda.so.1)); switched to libx264.',
    });
    const ok = await attempt(sw!.to);
    expect(ok.code).toBe(0);
    await run(FFMPEG, ['-v', 'error', '-i', ok.file, '-f', 'null', '-']);
    const info = await ffprobeJson(ok.file);
    expect(info.streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
  });
});
