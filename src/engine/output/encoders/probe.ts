/**
 * Finds out which encoders really work with this FFmpeg on this machine. `ffmpeg -encoders` only
 * says what was compiled in — Debian's FFmpeg lists NVENC, Quick Sync and VA-API on machines with
 * none of that hardware — so each listed encoder must also pass a short real encode, with the same
 * arguments (and hardware upload) the stream would use. One encode at a time: hardware sessions
 * are scarce, and parallel probes on a two-core machine would time each other out.
 */
import type { Clock } from '../../api';
import type { EncoderSettings } from '../../../shared';
import { systemClock } from '../../clock';
import { ENCODER_NAMES, encoderArgs, encoderInfo, isEncoderName, type PlanOptions } from './catalog';
import { explainFailure } from './explain';
import { runFfmpeg } from './run-ffmpeg';

export interface EncoderProbe {
  name: string;
  /** `ffmpeg -encoders` lists it (compiled into this build). */
  listed: boolean;
  /** A real test encode with it produced packets. */
  works: boolean;
  /** One line for the user: why it does not work, or what worked. */
  reason: string;
  /** How long its probe took. */
  ms: number;
}

export type ProbeSettings = Pick<EncoderSettings, 'rateControl' | 'bitrateKbps' | 'keyframeIntervalSec' | 'preset' | 'profile' | 'bFrames'>;

export interface ProbeOptions extends PlanOptions {
  /** Encoders to try, in order; default: the whole catalog. Unknown names are allowed (and reported). */
  candidates?: readonly string[];
  /** Per encoder (and for the listing); default 10 s. Hardware start-up can take a few seconds. */
  timeoutMs?: number;
  clock?: Clock;
  /** Settings the test encode uses; default: PROBE_SETTINGS. Pass the user's to catch, e.g., B-frames a GPU lacks. */
  settings?: ProbeSettings;
  /** Cancels the probe (its running FFmpeg is killed); the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

export const PROBE_SETTINGS: ProbeSettings = {
  rateControl: 'CBR',
  bitrateKbps: 1000,
  keyframeIntervalSec: 1,
  preset: 'veryfast',
  profile: 'main',
  bFrames: 0,
};

/** Small enough to be quick everywhere, big enough for every encoder's minimum size (NVENC: 145×49). */
const TEST_SIZE = '256x144';
const TEST_FPS = 30;
const TEST_FRAMES = 10;
const DEFAULT_TIMEOUT_MS = 10_000;

export async function probeEncoders(ffmpegPath: string, opts: ProbeOptions = {}): Promise<EncoderProbe[]> {
  const clock = opts.clock ?? systemClock;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const candidates = opts.candidates ?? ENCODER_NAMES;
  const started = clock.now();
  const listing = await runFfmpeg(ffmpegPath, ['-hide_banner', '-nostdin', '-encoders'], timeoutMs, clock, opts.signal);
  const listingMs = Math.round(clock.now() - started);
  if (listing.spawnError || listing.timedOut || listing.code !== 0) {
    const why = listing.spawnError
      ? `FFmpeg at ${ffmpegPath} could not be run (${listing.spawnError})`
      : listing.timedOut
        ? `FFmpeg at ${ffmpegPath} did not list its encoders within ${timeoutMs / 1000} s`
        : `FFmpeg at ${ffmpegPath} failed to list its encoders (exit code ${String(listing.code)})`;
    return candidates.map((name) => ({ name, listed: false, works: false, reason: why, ms: listingMs }));
  }
  const listed = parseEncoderList(listing.stdout);

  const probes: EncoderProbe[] = [];
  for (const name of candidates) {
    if (!listed.has(name)) {
      const hint = encoderInfo(name)?.absentHint;
      probes.push({
        name,
        listed: false,
        works: false,
        reason: isEncoderName(name) ? `Not in this FFmpeg build: ${hint}` : `Not in this FFmpeg build: FFmpeg has no encoder named ${name}`,
        ms: 0,
      });
      continue;
    }
    probes.push(await testEncode(ffmpegPath, name, opts, clock, timeoutMs));
  }
  return probes;
}

/** The encoder names in `ffmpeg -encoders` output (lines such as " V....D libx264   libx264 H.264 …"). */
export function parseEncoderList(stdout: string): Set<string> {
  const names = new Set<string>();
  for (const line of stdout.split(/\r?\n/)) {
    // The legend above the list ("V..... = Video") has "=" where a name would be, so it never matches.
    const m = /^\s*[VAS][.A-Z]{5}\s+([\w-]+)\s/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** The test encode's command line: testsrc2 into the encoder, each packet's checksum to stdout. */
export function testEncodeArgs(name: string, settings: ProbeSettings, opts: PlanOptions = {}): string[] {
  const args = isEncoderName(name)
    ? encoderArgs(name, settings, { num: TEST_FPS, den: 1 }, opts)
    : ['-c:v', name, '-b:v', `${Math.round(settings.bitrateKbps)}k`];
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=${TEST_SIZE}:rate=${TEST_FPS}`, '-frames:v', String(TEST_FRAMES),
    ...args,
    // framecrc prints one line per packet: proof that the encoder produced output, not just opened.
    '-f', 'framecrc', 'pipe:1',
  ];
}

async function testEncode(ffmpegPath: string, name: string, opts: ProbeOptions, clock: Clock, timeoutMs: number): Promise<EncoderProbe> {
  const started = clock.now();
  const args = testEncodeArgs(name, opts.settings ?? PROBE_SETTINGS, opts);
  const r = await runFfmpeg(ffmpegPath, args, timeoutMs, clock, opts.signal);
  const ms = Math.round(clock.now() - started);
  const packets = r.stdout.split('\n').filter((l) => /^\d+,/.test(l)).length;
  if (r.timedOut) {
    return { name, listed: true, works: false, reason: `The test encode did not finish within ${timeoutMs / 1000} s (the device may be hung or busy)`, ms };
  }
  if (r.spawnError) {
    return { name, listed: true, works: false, reason: `FFmpeg could not be run for the test encode (${r.spawnError})`, ms };
  }
  if (r.code !== 0) return { name, listed: true, works: false, reason: explainFailure(name, r.lines), ms };
  if (packets === 0) return { name, listed: true, works: false, reason: `${name} opened but produced no video in its test encode`, ms };
  return { name, listed: true, works: true, reason: `Passed a real test encode (${packets} frames in ${ms} ms)`, ms };
}
