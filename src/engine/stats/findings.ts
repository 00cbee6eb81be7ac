/**
 * What is wrong right now, cause by cause, in words a streamer understands: the compositor (frames
 * repeated because no new picture came: "lagged"), the encoder (frames skipped because it was still
 * busy: "skipped", or running slower than realtime), or one destination's network (data dropped
 * for it alone, its buffer filling up, or its connection lost). Each finding says what to change.
 * Which one to name first, and for how long, is decided by ./settle.ts.
 */
import type { Diagnosis } from '../../shared';
import type { DestinationWindow, StatsWindow } from './window';

export type Severity = Exclude<Diagnosis['severity'], 'ok'>;

export interface Finding {
  /** One per cause: 'render', 'encoder', or 'destination:<id>'. */
  key: string;
  where: Exclude<Diagnosis['where'], 'none'>;
  severity: Severity;
  destinationId: string | null;
  destinationName: string | null;
  message: string;
  /** How bad, to rank destinations of equal severity (frames lost, congestion). */
  weight: number;
}

/**
 * Lost frames: a warning from 0.5 % of the frames in the window (at least 2, so one hiccup is not
 * news), a problem from 5 % (viewers see it as stutter). At 30 fps over 10 s: 2 and 15 frames.
 */
const WARN_SHARE = 0.005;
const WARN_MIN = 2;
const PROBLEM_SHARE = 0.05;
/** Encoder speed (1 = realtime): below these it falls behind and frames start to be skipped. */
const SPEED_WARN = 0.95;
const SPEED_PROBLEM = 0.8;
/**
 * Congestion = the destination's buffer fill (it holds ~4 s): 40 % is over a second and a half
 * behind and growing, 75 % is about to drop.
 */
const CONGESTION_WARN = 0.4;
const CONGESTION_PROBLEM = 0.75;
/** CPU use worth naming as the likely reason the encoder is slow. */
const CPU_BUSY = 90;
/** Render time this close to the frame interval is the reason frames came late. */
const RENDER_BOUND = 0.9;

export function lossSeverity(lost: number, expectedFrames: number): Severity | null {
  if (lost >= Math.max(WARN_MIN, PROBLEM_SHARE * expectedFrames)) return 'problem';
  if (lost >= Math.max(WARN_MIN, WARN_SHARE * expectedFrames)) return 'warning';
  return null;
}

const worse = (a: Severity | null, b: Severity | null): Severity | null => (a === 'problem' || b === 'problem' ? 'problem' : (a ?? b));
const frames = (n: number): string => (n === 1 ? '1 frame' : `${n} frames`);
const span = (w: StatsWindow): string => `in the last ${Math.max(1, Math.round(w.seconds))} s`;
const ms = (v: number): string => `${Math.round(v)} ms`;

/**
 * Every cause with something wrong in this window, in pipeline order (render, encoder, destinations).
 * Shares are taken of a full window (`spanSeconds`) even while the run is younger, so a couple of
 * frames in its first seconds stay a warning and not a problem.
 */
export function findings(w: StatsWindow, fps: number, spanSeconds: number): Finding[] {
  const expected = Math.max(w.seconds, spanSeconds) * fps;
  const frameMs = 1000 / fps;
  const out: Finding[] = [];
  const render = renderFinding(w, expected, frameMs);
  if (render) out.push(render);
  const encoder = encoderFinding(w, expected);
  if (encoder) out.push(encoder);
  for (const d of w.destinations) {
    const found = destinationFinding(d, w, expected);
    if (found) out.push(found);
  }
  return out;
}

function renderFinding(w: StatsWindow, expected: number, frameMs: number): Finding | null {
  const severity = lossSeverity(w.lagged, expected);
  if (!severity) return null;
  const head = `The compositor cannot keep up: ${frames(w.lagged)} ${span(w)} were repeated because`;
  let message: string;
  if (w.renderMs !== null && w.renderMs >= RENDER_BOUND * frameMs) {
    message = `${head} rendering took ${ms(w.renderMs)} of a ${ms(frameMs)} frame. Lower the canvas resolution or frame rate, or close other GPU-heavy apps.`;
  } else {
    // Rendering itself is quick: the pictures were late for another reason (a busy machine, a
    // throttled or hidden browser tab).
    const took = w.renderMs === null ? '' : ` (rendering takes only ${ms(w.renderMs)} of a ${ms(frameMs)} frame)`;
    message = `${head} new pictures did not arrive in time${took}. The machine or browser is too busy: close other heavy apps or tabs, keep the studio window visible, or lower the frame rate.`;
  }
  return { key: 'render', where: 'render', severity, destinationId: null, destinationName: null, message, weight: w.lagged };
}

function encoderFinding(w: StatsWindow, expected: number): Finding | null {
  // Frames FFmpeg itself dropped are lost at the same stage as the ones it had no room for.
  const bySkips = lossSeverity(w.skipped + w.dropped, expected);
  const speed = w.encoderSpeed;
  const bySpeed = speed === null || speed >= SPEED_WARN ? null : speed < SPEED_PROBLEM ? 'problem' : 'warning';
  const severity = worse(bySkips, bySpeed);
  if (!severity) return null;
  const cpu = w.cpuPercent !== null && w.cpuPercent >= CPU_BUSY ? `the CPU is at ${Math.round(w.cpuPercent)} %` : null;
  let what: string;
  if (bySkips) {
    const notes = [speed === null ? null : `it runs at ${speed.toFixed(2)}× realtime`, cpu].filter((n) => n !== null);
    const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    const lost =
      w.dropped === 0
        ? `${frames(w.skipped)} ${span(w)} were skipped`
        : w.skipped === 0
          ? `${frames(w.dropped)} ${span(w)} were dropped`
          : `${frames(w.skipped)} were skipped and ${w.dropped} dropped ${span(w)}`;
    what = `${lost} because it was still busy with earlier ones${why}`;
  } else {
    what = `it runs at ${(speed ?? 0).toFixed(2)}× realtime${cpu ? ` (${cpu})` : ''}, so frames are about to be skipped`;
  }
  const message = `The encoder cannot keep up: ${what}. Choose a faster preset or lower the output resolution.`;
  return { key: 'encoder', where: 'encoder', severity, destinationId: null, destinationName: null, message, weight: w.skipped + w.dropped };
}

function destinationFinding(d: DestinationWindow, w: StatsWindow, expected: number): Finding | null {
  const byDrops = lossSeverity(d.dropped, expected);
  const byCongestion = d.congestion >= CONGESTION_PROBLEM ? 'problem' : d.congestion >= CONGESTION_WARN ? 'warning' : null;
  const reconnecting = d.state === 'reconnecting';
  const severity = reconnecting ? 'problem' : worse(byDrops, byCongestion);
  if (!severity) return null;
  const numbers = `${frames(d.dropped)} dropped ${span(w)}, congestion ${Math.round(d.congestion * 100)} %`;
  const message = reconnecting
    ? `${d.name}: the connection was lost and is being re-established; nothing reaches it meanwhile (${numbers}). If this repeats, lower this destination's bitrate or check the network.`
    : `${d.name}: its network cannot keep up — ${numbers}. Lower this destination's bitrate or give it a rendition of its own.`;
  return {
    key: `destination:${d.id}`,
    where: 'destination',
    severity,
    destinationId: d.id,
    destinationName: d.name,
    message,
    weight: d.dropped + 100 * d.congestion + (reconnecting ? 1e6 : 0),
  };
}
