import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, EMPTY_OUTPUT_STATS, INPUT_KINDS, MIXER_DEFAULTS, Status, type StudioDocument, type StudioEvent } from '../../shared';
import { HISTORY_CAPACITY, pushSample } from './history';
import { NOTICE_LIMIT } from './notices';
import { initialStudioState, reduceEvent, withConnection, withNotice, withoutNotice, type StudioState } from './studio';

const doc = (revision: number, name = 'Scene'): StudioDocument => ({
  version: 1,
  revision,
  scenes: [{ uuid: 's1', name, items: [{ sceneItemId: 1, sourceUuid: 'i1', enabled: true, locked: false, transform: DEFAULT_TRANSFORM }], nextItemId: 2, filters: [] }],
  inputs: [{ uuid: 'i1', name: 'Color', kind: 'color_source_v3', settings: {}, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS }],
  currentSceneUuid: 's1',
  studioMode: false,
  previewSceneUuid: 's1',
  video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 },
  output: {
    ffmpegPath: '',
    screenshots: { enabled: false, intervalSec: 10, folder: '', format: 'jpeg', maxWidth: 1280, keep: 360 },
    recording: { folder: '', format: 'mkv', filenamePattern: '%CCYY-%MM-%DD %hh-%mm-%ss', remuxToMp4: false, minFreeMb: 500, tracks: [1] },
    uplinkKbps: 0,
    templates: [],
    encoder: { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 128 },
  },
  destinations: [],
  webhooks: [],
  hotkeys: [],
  remoteControl: { tls: false, allowedOrigins: [] },
});

const docEvent = (d: StudioDocument): StudioEvent => ({ type: 'document.changed', data: { document: d, cause: 'test' } });
const run = (events: StudioEvent[], from: StudioState = initialStudioState()) => events.reduce(reduceEvent, from);

describe('document mirror', () => {
  it('takes the first document and only newer revisions after it', () => {
    const s = run([docEvent(doc(5, 'A')), docEvent(doc(4, 'old')), docEvent(doc(5, 'same'))]);
    expect(s.document?.scenes[0]?.name).toBe('A');
    expect(run([docEvent(doc(6, 'B'))], s).document?.scenes[0]?.name).toBe('B');
  });

  it('returns the same state for a stale document, so nobody re-renders', () => {
    const s = run([docEvent(doc(5))]);
    expect(reduceEvent(s, docEvent(doc(3)))).toBe(s);
  });

  it('accepts any revision after the connection dropped (the engine may have restarted)', () => {
    let s = withConnection(run([docEvent(doc(9, 'before'))]), true);
    s = withConnection(s, false);
    expect(s.documentStale).toBe(true);
    s = run([docEvent(doc(1, 'after restart'))], withConnection(s, true));
    expect(s.document?.scenes[0]?.name).toBe('after restart');
    expect(run([docEvent(doc(0, 'older'))], s).document?.scenes[0]?.name).toBe('after restart');
  });

  it('ignores fine-grained events (document.changed carries the state)', () => {
    const s = initialStudioState();
    expect(reduceEvent(s, { type: 'scene.created', data: { sceneUuid: 'x', sceneName: 'X' } })).toBe(s);
  });
});

describe('kinds, stream and ownership', () => {
  it('stores kinds', () => {
    expect(run([{ type: 'kinds.list', data: { kinds: [...INPUT_KINDS] } }]).kinds.map((k) => k.id)).toContain('color_source_v3');
  });

  it('keeps the last error until a new start', () => {
    const error = { code: Status.DestinationUnreachable, message: 'Could not reach rtmp://127.0.0.1:1/live.' };
    let s = run([
      { type: 'stream.state', data: { state: 'connecting' } },
      { type: 'stream.state', data: { state: 'failed', error } },
    ]);
    expect(s.streamState).toBe('failed');
    expect(s.streamError).toEqual(error);
    s = run([{ type: 'stream.state', data: { state: 'idle' } }], s);
    expect(s.streamError).toEqual(error);
    s = run([{ type: 'stream.state', data: { state: 'connecting' } }], s);
    expect(s.streamError).toBeNull();
  });

  it('keeps the error through reconnecting → connecting', () => {
    const error = { code: Status.DestinationUnreachable, message: 'Lost the connection.' };
    const s = run([
      { type: 'stream.state', data: { state: 'reconnecting', error } },
      { type: 'stream.state', data: { state: 'connecting' } },
    ]);
    expect(s.streamError).toEqual(error);
  });

  it('starts each run with zeroed stats but keeps the last numbers after a stop', () => {
    const stats = { ...EMPTY_OUTPUT_STATS, state: 'live' as const, bytesSent: 1000 };
    let s = run([{ type: 'stream.state', data: { state: 'live' } }, { type: 'stream.stats', data: { stats } }]);
    s = run([{ type: 'stream.state', data: { state: 'idle' } }], s);
    expect(s.stats).toMatchObject({ state: 'idle', bytesSent: 1000 });
    s = run([{ type: 'stream.state', data: { state: 'connecting' } }], s);
    expect(s.stats).toEqual(EMPTY_OUTPUT_STATS);
  });

  it('records stats; the history comes from the engine\'s samples, not from stats events', () => {
    const stats = { ...EMPTY_OUTPUT_STATS, state: 'live' as const, fps: 30, bitrateKbps: 2500 };
    const s = run([{ type: 'stream.stats', data: { stats } }]);
    expect(s.stats).toBe(stats);
    expect(s.history).toEqual([]);
  });

  it('tracks output ownership and drops it with the connection', () => {
    let s = withConnection(initialStudioState(), true);
    s = run([{ type: 'renderer.outputOwner', data: { owner: true } }], s);
    expect(s.outputOwner).toBe(true);
    expect(withConnection(s, false).outputOwner).toBe(false);
    expect(withConnection(s, true)).toBe(s);
  });
});

describe('notices', () => {
  it('adds newest first, keeps the last 20, and dismisses by id', () => {
    let s = initialStudioState();
    for (let i = 0; i < NOTICE_LIMIT + 5; i++) s = withNotice(s, 'info', `n${i}`);
    expect(s.notices).toHaveLength(NOTICE_LIMIT);
    expect(s.notices[0]?.message).toBe(`n${NOTICE_LIMIT + 4}`);
    expect(s.notices.at(-1)?.message).toBe('n5');
    const id = s.notices[0]!.id;
    s = withoutNotice(s, id);
    expect(s.notices.some((n) => n.id === id)).toBe(false);
  });

  it('takes engine notices', () => {
    const s = run([{ type: 'notice', data: { level: 'warning', message: 'The collection file was corrupt; it was moved aside.' } }]);
    expect(s.notices[0]).toMatchObject({ level: 'warning', message: 'The collection file was corrupt; it was moved aside.' });
  });
});

describe('history ring', () => {
  it('keeps the newest samples up to its capacity', () => {
    const sample = (t: number, bitrateKbps: number) => ({
      t, state: 'live' as const, fps: 30, bitrateKbps, renderMs: 5, encoderSpeed: 1, cpuPercent: 20, lagged: 0, skipped: 0, dropped: 0, destinations: [],
    });
    let h = pushSample([], sample(0, 0));
    for (let i = 1; i < HISTORY_CAPACITY + 10; i++) h = pushSample(h, sample(i * 1000, i));
    expect(h).toHaveLength(HISTORY_CAPACITY);
    expect(h[0]?.bitrateKbps).toBe(10);
    expect(h.at(-1)?.bitrateKbps).toBe(HISTORY_CAPACITY + 9);
  });

  it('takes the engine\'s replayed history, then its new samples', () => {
    const sample = (t: number) => ({
      t, state: 'live' as const, fps: 30, bitrateKbps: t, renderMs: 5, encoderSpeed: 1, cpuPercent: 20, lagged: 0, skipped: 0, dropped: 0, destinations: [],
    });
    let s = run([{ type: 'stats.history', data: { samples: [sample(1), sample(2)] } }]);
    s = run([{ type: 'stats.sample', data: { sample: sample(3) } }], s);
    expect(s.history.map((x) => x.t)).toEqual([1, 2, 3]);
  });
});
