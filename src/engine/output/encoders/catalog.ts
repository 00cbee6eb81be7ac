/**
 * The video encoders the studio knows, in the order auto-selection prefers them, and how each one is
 * driven from our EncoderSettings. Option names and values were checked against FFmpeg 5.1
 * (`ffmpeg -h encoder=NAME`; h264_amf and h264_videotoolbox against FFmpeg's own sources, since
 * Linux builds leave them out). test/integration/encoder-probe.test.ts re-checks them against the
 * FFmpeg on the machine.
 *
 * Hardware first, because it leaves the CPU to compositing and audio: NVENC > Quick Sync >
 * VideoToolbox > AMF > VA-API > x264. hevc_nvenc is never picked by auto-selection: RTMP (FLV)
 * carries H.264 only, so HEVC is used only when the user asks for it and no destination is RTMP.
 */
import type { EncoderSettings } from '../../../shared';

export const ENCODER_NAMES = [
  'h264_nvenc',
  'hevc_nvenc',
  'h264_qsv',
  'h264_videotoolbox',
  'h264_amf',
  'h264_vaapi',
  'libx264',
] as const;
export type EncoderName = (typeof ENCODER_NAMES)[number];

export interface EncoderInfo {
  name: EncoderName;
  /** What the UI shows. */
  displayName: string;
  vendor: string;
  codec: 'h264' | 'hevc';
  hardware: boolean;
  /** Auto-selection order: lower is tried first. */
  rank: number;
  /** Whether auto-selection may pick it (HEVC never: FLV/RTMP cannot carry it). */
  auto: boolean;
  /** Completes "not in this FFmpeg build: …" when `ffmpeg -encoders` does not list it. */
  absentHint: string;
}

export const ENCODER_CATALOG: readonly EncoderInfo[] = [
  {
    name: 'h264_nvenc', displayName: 'NVIDIA NVENC H.264', vendor: 'NVIDIA', codec: 'h264', hardware: true, rank: 1,
    auto: true, absentHint: 'this FFmpeg was built without NVENC support',
  },
  {
    name: 'hevc_nvenc', displayName: 'NVIDIA NVENC HEVC', vendor: 'NVIDIA', codec: 'hevc', hardware: true, rank: 2,
    auto: false, absentHint: 'this FFmpeg was built without NVENC support',
  },
  {
    name: 'h264_qsv', displayName: 'Intel Quick Sync H.264', vendor: 'Intel', codec: 'h264', hardware: true, rank: 3,
    auto: true, absentHint: 'this FFmpeg was built without Intel Quick Sync (libmfx/oneVPL) support',
  },
  {
    name: 'h264_videotoolbox', displayName: 'Apple VideoToolbox H.264', vendor: 'Apple', codec: 'h264', hardware: true,
    rank: 4, auto: true, absentHint: 'VideoToolbox exists only in FFmpeg builds for macOS',
  },
  {
    name: 'h264_amf', displayName: 'AMD AMF H.264', vendor: 'AMD', codec: 'h264', hardware: true, rank: 5,
    auto: true, absentHint: 'AMF exists only in FFmpeg builds with AMD AMF support (usually Windows)',
  },
  {
    name: 'h264_vaapi', displayName: 'VA-API H.264 (Intel/AMD on Linux)', vendor: 'VA-API', codec: 'h264',
    hardware: true, rank: 6, auto: true, absentHint: 'this FFmpeg was built without VA-API support',
  },
  {
    name: 'libx264', displayName: 'x264 software encoder', vendor: 'x264', codec: 'h264', hardware: false, rank: 7,
    auto: true, absentHint: 'this FFmpeg was built without libx264 (a GPL build is needed)',
  },
];

const BY_NAME = new Map<string, EncoderInfo>(ENCODER_CATALOG.map((e) => [e.name, e]));

export const isEncoderName = (name: string): name is EncoderName => BY_NAME.has(name);
export const encoderInfo = (name: string): EncoderInfo | undefined => BY_NAME.get(name);
/** "h264_nvenc (NVIDIA NVENC H.264)", or the bare name for encoders we do not know. */
export const encoderLabel = (name: string): string => {
  const info = BY_NAME.get(name);
  return info ? `${name} (${info.displayName})` : name;
};

export const DEFAULT_VAAPI_DEVICE = '/dev/dri/renderD128';

/** How one encoder is set up, in the three places an FFmpeg command line needs it. */
export interface EncoderPlan {
  /** Global options (hardware device setup). FFmpeg takes them anywhere; before the inputs reads best. */
  global: string[];
  /** Filters that must end the video chain, after any scaling (VA-API: upload frames to the GPU). */
  filters: string[];
  /** Output options for the video stream: codec, rate control, GOP, profile, pixel format. */
  output: string[];
}

export interface PlanOptions {
  /** The DRM render node VA-API opens; default /dev/dri/renderD128. */
  vaapiDevice?: string;
}

export type Fps = { num: number; den: number };

type Settings = Pick<EncoderSettings, 'rateControl' | 'bitrateKbps' | 'keyframeIntervalSec' | 'preset' | 'profile' | 'bFrames'>;

/** VBR: the peak the rate control may reach, as a multiple of the average (same as ffmpeg-args.ts). */
const VBR_PEAK = 1.5;

/** Frames between keyframes for an interval in seconds; platforms want it exact (Twitch: 2 s). */
export function gopFrames(seconds: number, fps: Fps): number {
  return Math.max(1, Math.round((seconds * fps.num) / fps.den));
}

/** -b:v / -maxrate / -bufsize for CBR (all equal: a one-second buffer) or VBR (1.5× peak, 2 s buffer). */
function rates(s: Settings, withBuffer = true): string[] {
  const kbps = Math.round(s.bitrateKbps);
  const peak = s.rateControl === 'CBR' ? kbps : Math.round(kbps * VBR_PEAK);
  const args = ['-b:v', `${kbps}k`, '-maxrate', `${peak}k`];
  if (withBuffer) args.push('-bufsize', `${s.rateControl === 'CBR' ? kbps : kbps * 2}k`);
  return args;
}

/** Baseline has no B-frames; x264 and most hardware refuse them there rather than ignore them. */
const bFrames = (s: Settings): string => String(s.profile === 'baseline' ? 0 : Math.max(0, Math.round(s.bFrames)));

// Our presets are x264's names. Each hardware encoder has its own speed/quality scale; these keep
// the order (faster stays faster) and put x264's live default, veryfast, on a middle-fast step.
const X264_ORDER = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'];
const step = (preset: string): number => {
  const i = X264_ORDER.indexOf(preset);
  return i < 0 ? X264_ORDER.indexOf('veryfast') : i;
};
/** NVENC p1 (fastest) … p7 (best). */
const NVENC_PRESETS = ['p1', 'p2', 'p3', 'p4', 'p4', 'p5', 'p6', 'p7', 'p7', 'p7'];
/** Quick Sync and VA-API share Intel's target usage, 7 (fastest) … 1 (best); QSV names the steps. */
const QSV_PRESETS = ['veryfast', 'veryfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'veryslow'];
const TARGET_USAGE = [7, 7, 7, 6, 5, 4, 3, 2, 1, 1];
/** AMF has three steps. */
const AMF_QUALITY = ['speed', 'speed', 'speed', 'speed', 'balanced', 'balanced', 'quality', 'quality', 'quality', 'quality'];

export const nvencPreset = (preset: string): string => NVENC_PRESETS[step(preset)]!;
export const qsvPreset = (preset: string): string => QSV_PRESETS[step(preset)]!;
export const vaapiQuality = (preset: string): number => TARGET_USAGE[step(preset)]!;
export const amfQuality = (preset: string): string => AMF_QUALITY[step(preset)]!;

/** AMF and VA-API have no plain baseline: constrained baseline is what every player means by it. */
const constrained = (profile: Settings['profile']): string => (profile === 'baseline' ? 'constrained_baseline' : profile);

export function encoderPlan(name: EncoderName, s: Settings, fps: Fps, opts: PlanOptions = {}): EncoderPlan {
  const gop = String(gopFrames(s.keyframeIntervalSec, fps));
  const plan = (output: string[], global: string[] = [], filters: string[] = []): EncoderPlan => ({ global, filters, output });
  switch (name) {
    case 'libx264': {
      const k = `${Math.round(s.bitrateKbps)}k`;
      // nal-hrd=cbr makes x264 pad to a true constant rate, which is what "CBR" means to a platform.
      const rc =
        s.rateControl === 'CBR'
          ? ['-b:v', k, '-minrate', k, '-maxrate', k, '-bufsize', k, '-x264-params', 'nal-hrd=cbr']
          : rates(s);
      return plan([
        '-c:v', 'libx264', '-preset', X264_ORDER[step(s.preset)]!, '-tune', 'zerolatency',
        '-profile:v', s.profile, '-bf', bFrames(s), ...rc,
        '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      ]);
    }
    case 'h264_nvenc':
    case 'hevc_nvenc':
      return plan([
        '-c:v', name, '-preset', nvencPreset(s.preset), '-tune', 'll',
        // NVENC's HEVC has no baseline/high; main is the 8-bit 4:2:0 profile every decoder takes.
        '-profile:v', name === 'hevc_nvenc' ? 'main' : s.profile,
        '-rc', s.rateControl === 'CBR' ? 'cbr' : 'vbr', ...rates(s),
        '-g', gop, '-bf', bFrames(s), '-pix_fmt', 'nv12',
      ]);
    case 'h264_qsv':
      // QSV has no rate-control switch: maxrate equal to the bitrate selects CBR, above it VBR.
      // Look-ahead would add latency and switch to its own (LA) rate control.
      return plan([
        '-c:v', 'h264_qsv', '-preset', qsvPreset(s.preset), '-look_ahead', '0',
        '-profile:v', s.profile, ...rates(s), '-g', gop, '-bf', bFrames(s), '-pix_fmt', 'nv12',
      ]);
    case 'h264_videotoolbox':
      // FFmpeg 5.1's VideoToolbox has no speed scale; realtime is the live-streaming hint, and
      // allow_sw 0 keeps Apple's silent software fallback from passing the probe as "hardware".
      // maxrate becomes its data-rate limit; it takes no buffer size.
      return plan([
        '-c:v', 'h264_videotoolbox', '-realtime', '1', '-allow_sw', '0',
        '-profile:v', s.profile, ...rates(s, false), '-g', gop, '-bf', bFrames(s), '-pix_fmt', 'nv12',
      ]);
    case 'h264_amf':
      // CBR with HRD and filler data, as platforms expect from a CBR stream; VBR with a peak cap.
      return plan([
        '-c:v', 'h264_amf', '-usage', 'lowlatency', '-quality', amfQuality(s.preset),
        '-profile:v', constrained(s.profile),
        '-rc', s.rateControl === 'CBR' ? 'cbr' : 'vbr_peak', ...rates(s),
        ...(s.rateControl === 'CBR' ? ['-enforce_hrd', '1', '-filler_data', '1'] : []),
        '-g', gop, '-bf', bFrames(s), '-pix_fmt', 'nv12',
      ]);
    case 'h264_vaapi':
      // Frames live on the GPU: convert to NV12 in memory, then upload. -quality is the driver's
      // target usage; drivers that lack it warn and use their default.
      return plan(
        [
          '-c:v', 'h264_vaapi', '-rc_mode', s.rateControl, '-quality', String(vaapiQuality(s.preset)),
          '-profile:v', constrained(s.profile), ...rates(s), '-g', gop, '-bf', bFrames(s),
        ],
        ['-vaapi_device', opts.vaapiDevice ?? DEFAULT_VAAPI_DEVICE],
        ['format=nv12', 'hwupload'],
      );
  }
}

/**
 * The plan flattened for a command with one video output and no other -vf: global options, the
 * filter chain, then the output options. Callers that scale or run a filter graph use encoderPlan
 * and put plan.filters at the end of their own chain instead.
 */
export function encoderArgs(name: EncoderName, settings: Settings, fps: Fps, opts: PlanOptions = {}): string[] {
  const p = encoderPlan(name, settings, fps, opts);
  return [...p.global, ...(p.filters.length > 0 ? ['-vf', p.filters.join(',')] : []), ...p.output];
}
