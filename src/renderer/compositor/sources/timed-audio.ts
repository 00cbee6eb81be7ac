/**
 * A captured microphone played by its capture stamps: each chunk read from the track
 * (MediaStreamTrackProcessor; Chromium stamps microphone chunks on the page clock) is placed on the
 * audio clock so that the program hears it the device's CaptureDelay after it was captured, where
 * the device's picture is shown as long after its own capture (./camera-frames.ts). A
 * MediaStreamAudioSourceNode cannot do this: it plays the sound as soon as it comes, after a buffer
 * of its own that grows after glitches and is not reported, while the picture is shown on arrival,
 * so a camera's picture led its microphone by 45 ms and more.
 *
 * Chunks that follow each other are played back to back (sample-exact, no clicks from rounding);
 * the schedule starts again at a chunk's own place when the device's stamps jump (it lost time) or
 * the two clocks drifted apart by more than RESYNC_S. A chunk that comes too late for its place
 * raises the delay (CaptureDelay.late) and is played at the new one; one later than the longest
 * delay is played at once.
 */
import { playBuffer, stopNodes } from './play-buffer';
import type { CaptureDelay } from './capture-delay';
import type { SourceAudioPort } from './types';

/** Played back to back while the stamps say the next chunk is this close to the end of the last one. */
const RESYNC_S = 0.01;
/** The graph needs a chunk this long before it plays it. */
const LEAD_S = 0.01;

type AudioReader = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<AudioData> };

/** Chromium's track reader, where the page has one. */
export function audioTrackReader(): AudioReader | null {
  const p = (globalThis as { MediaStreamTrackProcessor?: AudioReader }).MediaStreamTrackProcessor;
  return typeof p === 'function' ? p : null;
}

/** Whether captured sound sent to `port` can be played by its capture stamps on this page. */
export function canPlayByStamps(port: SourceAudioPort | null): boolean {
  return Boolean(port?.heardAt) && audioTrackReader() !== null;
}

/** Where a chunk goes on the audio clock, or its lateness; pure, for tests. */
export class TimedSchedule {
  private next = -Infinity;

  /**
   * A chunk of `duration` s wants to start at context time `want` with the clock at `now`: where it
   * starts (whole sample frames at `rate`), or {late: s} when `want` has already gone by.
   */
  place(want: number, now: number, duration: number, rate: number): { at: number } | { late: number } {
    let at = Math.abs(want - this.next) <= RESYNC_S ? this.next : Math.round(want * rate) / rate;
    if (at < now + LEAD_S) {
      if (want < now + LEAD_S) return { late: now + LEAD_S - want };
      at = Math.round(want * rate) / rate;
    }
    this.next = at + Math.round(duration * rate) / rate;
    return { at };
  }

  reset(): void {
    this.next = -Infinity;
  }
}

/**
 * Where a chunk stamped `stampMs` (page clock) of `duration` s starts on the audio clock so that it
 * is heard the delay after its stamp; a chunk too late for that raises the delay to fit it, and one
 * later than even the longest delay (the page stalled) is played as soon as it can be, never lost,
 * the chunks after it coming back to their places. Null until the program's clock is known (the
 * first chunks are not heard).
 */
export function placeByStamp(
  schedule: TimedSchedule,
  heardAt: (pageMs: number) => number | null,
  context: BaseAudioContext,
  stampMs: number,
  duration: number,
  delay: CaptureDelay,
): number | null {
  const now = performance.now();
  let want = heardAt(stampMs + delay.at(now));
  if (want === null) return null;
  let placed = schedule.place(want, context.currentTime, duration, context.sampleRate);
  if ('late' in placed) {
    delay.late(delay.at(now) + placed.late * 1000, now);
    want = heardAt(stampMs + delay.at(now));
    if (want === null) return null;
    placed = schedule.place(want, context.currentTime, duration, context.sampleRate);
    if ('late' in placed) placed = schedule.place(context.currentTime + LEAD_S * 2, context.currentTime, duration, context.sampleRate);
    if ('late' in placed) return null;
  }
  return placed.at;
}

export interface TimedAudio {
  dispose(): void;
}

/**
 * Plays `track` into `port` by its stamps, delayed by `delay`; null where this page cannot (no track
 * reader, or no mapping from the page clock to the audio clock): the caller plays it as it comes.
 */
export function createTimedAudio(port: SourceAudioPort, track: MediaStreamTrack, delay: CaptureDelay): TimedAudio | null {
  const Reader = audioTrackReader();
  const heardAt = port.heardAt;
  if (!Reader || !heardAt) return null;
  const { context } = port;
  const out = new GainNode(context, { channelCount: 2, channelCountMode: 'explicit' });
  const detach = port.attach(out);
  const schedule = new TimedSchedule();
  const playing = new Set<AudioBufferSourceNode>();
  const reader = new Reader({ track }).readable.getReader();
  let disposed = false;

  const play = (data: AudioData): void => {
    const frames = data.numberOfFrames;
    const rate = data.sampleRate;
    const channels = Math.min(2, data.numberOfChannels);
    if (frames === 0 || channels === 0) return;
    const at = placeByStamp(schedule, heardAt, context, data.timestamp / 1000, frames / rate, delay);
    if (at === null) return;
    const buffer = new AudioBuffer({ numberOfChannels: channels, length: frames, sampleRate: rate });
    for (let c = 0; c < channels; c++) {
      const plane = new Float32Array(frames);
      data.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
      buffer.copyToChannel(plane, c);
    }
    playBuffer(buffer, at, out, playing);
  };

  void (async () => {
    for (;;) {
      const r = await reader.read().catch(() => ({ done: true, value: undefined }) as const);
      if (r.done || !r.value) return;
      const data = r.value;
      try {
        if (!disposed) play(data);
      } finally {
        data.close();
      }
      if (disposed) return;
    }
  })();

  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      void reader.cancel().catch(() => {});
      stopNodes(playing);
      detach();
      out.disconnect();
    },
  };
}
