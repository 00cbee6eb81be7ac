/**
 * The monitor only consumes events, so these tests hand-build the output's once-a-second events
 * (destination.stats, then stream.stats) on a fake clock and read what it keeps and emits.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_OUTPUT_STATS, type DestinationState, type DestinationStats, type Diagnosis, type StudioDocument, type StudioEvent } from '../../shared';
import { blankDocument } from '../document/defaults';
import { FakeClock } from '../testing/fake-clock';
import { CALM_MS, HISTORY_SAMPLES, StatsMonitor } from './monitor';
import { NO_DIAGNOSIS } from './compose';

interface Dest {
  id: string;
  name: string;
  state: DestinationState;
  dropped: number;
  congestion: number;
}

/** Per-second changes: counters are added to, levels replaced. */
interface Second {
  state?: DestinationState;
  lagged?: number;
  skipped?: number;
  dropped?: number;
  renderMs?: number;
  encoderSpeed?: number;
  cpuPercent?: number;
  dest?: Record<string, Partial<Pick<Dest, 'state' | 'congestion'>> & { dropped?: number }>;
}

function setup(opts: { capacity?: number; dests?: string[] } = {}) {
  const clock = new FakeClock(0);
  const listeners = new Set<(event: StudioEvent) => void>();
  const events: StudioEvent[] = [];
  const emit = (event: StudioEvent): void => {
    events.push(event);
    for (const l of [...listeners]) l(event);
  };
  const doc: StudioDocument = blankDocument(() => 'x'); // 30 fps
  const monitor = new StatsMonitor({
    clock,
    emit,
    document: () => doc,
    subscribe: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    ...(opts.capacity ? { capacity: opts.capacity } : {}),
  });
  const out = { state: 'live' as DestinationState, lagged: 0, skipped: 0, dropped: 0, renderMs: 12, encoderSpeed: 1, cpuPercent: 40 };
  const dests: Dest[] = (opts.dests ?? ['Twitch']).map((name) => ({ id: name.toLowerCase(), name, state: 'live', dropped: 0, congestion: 0 }));

  /** One second of a running output: the two events StreamOutput emits each second. */
  const second = (s: Second = {}): void => {
    clock.advance(1000);
    out.state = s.state ?? out.state;
    out.lagged += s.lagged ?? 0;
    out.skipped += s.skipped ?? 0;
    out.dropped += s.dropped ?? 0;
    out.renderMs = s.renderMs ?? out.renderMs;
    out.encoderSpeed = s.encoderSpeed ?? out.encoderSpeed;
    out.cpuPercent = s.cpuPercent ?? out.cpuPercent;
    for (const d of dests) {
      const p = s.dest?.[d.id];
      d.state = p?.state ?? d.state;
      d.dropped += p?.dropped ?? 0;
      d.congestion = p?.congestion ?? d.congestion;
    }
    if (dests.length > 0) emit({ type: 'destination.stats', data: { stats: dests.map(destStats) } });
    emit({ type: 'stream.stats', data: { stats: { ...EMPTY_OUTPUT_STATS, ...out, fps: 30, bitrateKbps: 2500 } } });
  };
  const seconds = (n: number, s: Second = {}): void => {
    for (let i = 0; i < n; i++) second(s);
  };
  /** A new run: counters start again from 0, as a new StreamOutput run does. */
  const restart = (): void => {
    Object.assign(out, { state: 'live', lagged: 0, skipped: 0, dropped: 0 });
    for (const d of dests) Object.assign(d, { state: 'live', dropped: 0, congestion: 0 });
  };
  const diagnoses = (): Diagnosis[] => events.flatMap((e) => (e.type === 'diagnosis.changed' ? [e.data] : []));
  /** The severities the user saw, a refresh of the figures (same severity) not counted. */
  const steps = (): string[] => diagnoses().map((d) => d.severity).filter((v, i, all) => i === 0 || v !== all[i - 1]);
  return { clock, events, monitor, second, seconds, restart, diagnoses, steps, doc, listeners };
}

const destStats = (d: Dest): DestinationStats => ({
  ...d,
  bitrateKbps: 2500,
  bytesSent: 0,
  framesSent: 0,
  reconnects: 0,
  uptimeMs: 0,
  lastError: null,
  viewers: null,
  viewersNote: null,
});

describe('history', () => {
  it('takes one sample per stream.stats with the destination.stats of the same second, and emits it', () => {
    const h = setup();
    h.second({ lagged: 2, dest: { twitch: { dropped: 5, congestion: 0.25 } } });
    const samples = h.monitor.history();
    expect(samples).toHaveLength(1);
    expect(samples[0]).toEqual({
      t: 1000,
      state: 'live',
      fps: 30,
      bitrateKbps: 2500,
      renderMs: 12,
      encoderSpeed: 1,
      cpuPercent: 40,
      lagged: 2,
      skipped: 0,
      dropped: 0,
      destinations: [{ id: 'twitch', name: 'Twitch', state: 'live', bitrateKbps: 2500, congestion: 0.25, dropped: 5, viewers: null }],
    });
    expect(h.events.filter((e) => e.type === 'stats.sample').map((e) => e.data)).toEqual([{ sample: samples[0] }]);
  });

  it('closes a sample without destinations when no destination.stats came before it', () => {
    const h = setup({ dests: [] });
    h.second();
    expect(h.monitor.history()).toHaveLength(1);
    expect(h.monitor.history()[0]!.destinations).toEqual([]);
  });

  it(`keeps the newest ${HISTORY_SAMPLES} (15 minutes), oldest first`, () => {
    const h = setup();
    h.seconds(HISTORY_SAMPLES + 25);
    const samples = h.monitor.history();
    expect(samples).toHaveLength(HISTORY_SAMPLES);
    expect(samples[0]!.t).toBe(26_000);
    expect(samples.at(-1)!.t).toBe((HISTORY_SAMPLES + 25) * 1000);
    expect(samples.every((s, i) => i === 0 || s.t - samples[i - 1]!.t === 1000)).toBe(true);
  });

  it('keeps the history across a stop and a new start; the idle sample marks the gap', () => {
    const h = setup({ capacity: 20 });
    h.seconds(3);
    h.second({ state: 'idle' });
    h.clock.advance(60_000);
    h.restart();
    h.seconds(2);
    expect(h.monitor.history().map((s) => [s.t, s.state])).toEqual([
      [1000, 'live'],
      [2000, 'live'],
      [3000, 'live'],
      [4000, 'idle'],
      [65_000, 'live'],
      [66_000, 'live'],
    ]);
  });

  it('stops listening on dispose and leaves no timer behind', () => {
    const h = setup({ dests: [] });
    h.second();
    h.monitor.dispose();
    expect(h.clock.pending()).toBe(0);
    expect(h.listeners.size).toBe(0);
  });
});

describe('diagnosis', () => {
  it('is ok while nothing is lost, and says nothing about a start-up burst', () => {
    const h = setup();
    // The first seconds of a run repeat frames while the compositor starts sending: not news.
    h.second({ lagged: 20 });
    h.second({ lagged: 10 });
    h.seconds(20);
    expect(h.diagnoses()).toEqual([]);
    expect(h.monitor.diagnosis()).toEqual(NO_DIAGNOSIS);
  });

  it('names the compositor when frames are repeated because rendering takes longer than a frame', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(20, { lagged: 6, renderMs: 48 });
    const d = h.monitor.diagnosis();
    expect(d).toMatchObject({ severity: 'problem', where: 'render', destinationId: null });
    expect(d.message).toBe(
      'The compositor cannot keep up: 60 frames in the last 10 s were repeated because rendering took 48 ms of a 33 ms frame. Lower the canvas resolution or frame rate, or close other GPU-heavy apps.',
    );
  });

  it('says when pictures are late although rendering is quick (a busy machine or hidden tab)', () => {
    const h = setup();
    h.seconds(3);
    h.second({ lagged: 3 });
    expect(h.monitor.diagnosis()).toMatchObject({ severity: 'warning', where: 'render' });
    expect(h.monitor.diagnosis().message).toMatch(/3 frames in the last 1 s were repeated because new pictures did not arrive in time \(rendering takes only 12 ms of a 33 ms frame\)/);
  });

  it('names the encoder when frames are skipped, with its speed and a busy CPU', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(20, { skipped: 1, encoderSpeed: 0.9, cpuPercent: 97 });
    const d = h.monitor.diagnosis();
    expect(d).toMatchObject({ severity: 'warning', where: 'encoder' });
    expect(d.message).toBe(
      'The encoder cannot keep up: 10 frames in the last 10 s were skipped because it was still busy with earlier ones (it runs at 0.90× realtime; the CPU is at 97 %). Choose a faster preset or lower the output resolution.',
    );
  });

  it('counts frames FFmpeg dropped as the encoder’s losses', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(20, { dropped: 2 });
    expect(h.monitor.diagnosis()).toMatchObject({ severity: 'problem', where: 'encoder' });
    expect(h.monitor.diagnosis().message).toMatch(/^The encoder cannot keep up: \d+ frames in the last \d+ s were dropped because it was still busy/);
  });

  it('names the encoder when it runs slower than realtime before anything is skipped', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(6, { encoderSpeed: 0.7 });
    expect(h.monitor.diagnosis()).toMatchObject({ severity: 'problem', where: 'encoder' });
    expect(h.monitor.diagnosis().message).toMatch(/^The encoder cannot keep up: it runs at 0\.70× realtime, so frames are about to be skipped\./);
  });

  it("names a destination whose network cannot keep up, with its drops and congestion", () => {
    const h = setup({ dests: ['Twitch', 'YouTube'] });
    h.seconds(3);
    h.seconds(20, { dest: { twitch: { dropped: 12, congestion: 0.87 } } });
    const d = h.monitor.diagnosis();
    expect(d).toMatchObject({ severity: 'problem', where: 'destination', destinationId: 'twitch', destinationName: 'Twitch' });
    expect(d.message).toBe(
      "Twitch: its network cannot keep up — 120 frames dropped in the last 10 s, congestion 87 %. Lower this destination's bitrate or give it a rendition of its own.",
    );
  });

  it('calls a reconnecting destination a problem at once', () => {
    const h = setup({ dests: ['Twitch', 'YouTube'] });
    h.seconds(5);
    h.second({ dest: { youtube: { state: 'reconnecting' } } });
    expect(h.monitor.diagnosis()).toMatchObject({ severity: 'problem', where: 'destination', destinationName: 'YouTube' });
    expect(h.monitor.diagnosis().message).toMatch(/^YouTube: the connection was lost and is being re-established/);
  });

  it('says when several destinations suffer, and that all of them at once points at the uplink', () => {
    const h = setup({ dests: ['Twitch', 'YouTube', 'Kick'] });
    h.seconds(3);
    h.seconds(5, { dest: { twitch: { dropped: 10 }, kick: { dropped: 1 } } });
    let d = h.monitor.diagnosis();
    expect(d).toMatchObject({ where: 'destination', destinationName: 'Twitch' });
    expect(d.message).toMatch(/ Kick is losing data too\.$/);
    h.seconds(5, { dest: { twitch: { dropped: 10 }, youtube: { dropped: 10 }, kick: { dropped: 10 } } });
    d = h.monitor.diagnosis();
    expect(d.destinationName).toBe('Twitch');
    expect(d.message).toMatch(/ Kick and YouTube are losing data too\. All 3 destinations suffer at once, which points at your own uplink: check the bandwidth budget in Settings\.$/);
  });

  it('names the first stage in the pipeline as the cause and the others after it, at the worst severity', () => {
    const h = setup();
    h.seconds(3);
    // Render: a warning (5 of 300 frames); the destination: a problem.
    h.seconds(5, { lagged: 1, skipped: 1, dest: { twitch: { dropped: 30, congestion: 0.9 } } });
    const d = h.monitor.diagnosis();
    expect(d).toMatchObject({ severity: 'problem', where: 'render', destinationId: null });
    expect(d.message).toMatch(/ Also, the encoder is falling behind, and Twitch is losing data; fix this first\.$/);
  });

  it('holds a cause through a calm period instead of flapping', () => {
    const h = setup();
    h.seconds(3);
    // Two repeated frames every 15 s: each burst leaves the 10 s window before the next one comes,
    // so without the calm period this would flip between ok and a warning four times a minute.
    for (let i = 0; i < 6; i++) {
      h.second({ lagged: 2 });
      h.seconds(14);
    }
    expect(h.steps()).toEqual(['warning']);
    expect(h.diagnoses().every((d) => d.where === 'render')).toBe(true);
    // The last burst (t = 79 s) is in the window until 88 s; ok comes a calm period later, once.
    h.seconds(4);
    expect(h.monitor.diagnosis().severity).toBe('warning');
    h.second();
    expect(h.clock.now()).toBe(88_000 + CALM_MS);
    expect(h.monitor.diagnosis()).toEqual(NO_DIAGNOSIS);
    expect(h.steps()).toEqual(['warning', 'ok']);
  });

  it('goes up at once, and steps down from problem to warning only after the calm period', () => {
    const h = setup();
    h.seconds(3);
    h.second({ lagged: 2 });
    h.second({ lagged: 30 });
    expect(h.steps()).toEqual(['warning', 'problem']);
    // Still a trickle of losses: a warning by itself, but the problem is held for the calm period.
    h.seconds(18, { lagged: 1 });
    expect(h.steps()).toEqual(['warning', 'problem']);
    // The burst (t = 5 s) was last in the window at t = 14 s; a calm period later, at 24 s:
    h.second({ lagged: 1 });
    expect(h.clock.now()).toBe(14_000 + CALM_MS);
    expect(h.steps()).toEqual(['warning', 'problem', 'warning']);
    expect(h.monitor.diagnosis().where).toBe('render');
  });

  it('does not emit again when only the numbers change, except a refresh when they doubled, at most every 10 s', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(40, { lagged: 1 });
    expect(h.diagnoses().map((d) => d.message.match(/\d+ frames in the last \d+ s/)?.[0])).toEqual([
      '2 frames in the last 2 s', // t = 5 s: two frames are a warning
      '10 frames in the last 10 s', // t = 15 s: the figures grew fivefold
    ]);
    expect(h.monitor.diagnosis()).toEqual(h.diagnoses().at(-1));
  });

  it('returns to ok as soon as the stream stops', () => {
    const h = setup();
    h.seconds(3);
    h.seconds(5, { lagged: 10 });
    expect(h.monitor.diagnosis().severity).toBe('problem');
    h.second({ state: 'idle' });
    expect(h.monitor.diagnosis()).toEqual(NO_DIAGNOSIS);
    expect(h.diagnoses().at(-1)).toEqual(NO_DIAGNOSIS);
  });

  it('does not count a new run’s counters against the last run, nor its start-up', () => {
    const h = setup();
    h.seconds(5);
    h.second({ state: 'idle' });
    h.restart();
    h.second({ lagged: 50 });
    h.seconds(12);
    expect(h.diagnoses()).toEqual([]);
  });
});
