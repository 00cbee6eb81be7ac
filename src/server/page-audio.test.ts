/** The checks on what comes through a page's audio binding (test/integration/browser-audio.test.ts runs the script in Chromium). */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AudioChunkGate, MAX_CHUNK_FRAMES, PAGE_AUDIO_CHUNK, pageAudioScript, splitChunk } from './page-audio';

function gate() {
  let now = 1000;
  const refused: string[] = [];
  const g = new AudioChunkGate({ now: () => now, refused: (why) => refused.push(why) });
  return { g, refused, advance: (ms: number) => (now += ms) };
}

/** A chunk of `frames` stereo s16le frames, base64. */
const chunk = (frames: number): string => Buffer.alloc(frames * 4, 7).toString('base64');

describe('AudioChunkGate', () => {
  it('passes whole s16le stereo frames as their bytes', () => {
    const { g, refused } = gate();
    const pcm = g.take(chunk(PAGE_AUDIO_CHUNK));
    expect(pcm?.length).toBe(PAGE_AUDIO_CHUNK * 4);
    expect(pcm?.[0]).toBe(7);
    expect(refused).toEqual([]);
  });

  it('drops anything else, and says so once per kind of refusal', () => {
    const { g, refused } = gate();
    for (const bad of [42, null, { data: chunk(4) }, '', 'not base64!', 'QUJD', Buffer.alloc(6).toString('base64'), chunk(MAX_CHUNK_FRAMES + 1)]) {
      expect(g.take(bad), JSON.stringify(bad).slice(0, 40)).toBeNull();
    }
    expect(g.take('still not base64')).toBeNull();
    expect(g.take(7)).toBeNull();
    expect(refused).toEqual([
      'not a string',
      'size 0 outside 1…87384 characters',
      'not base64',
      'not whole 16-bit stereo frames',
      `size ${chunk(MAX_CHUNK_FRAMES + 1).length} outside 1…87384 characters`,
    ]);
    // A good chunk still passes after bad ones.
    expect(g.take(chunk(16))).not.toBeNull();
  });

  it('holds a page to real time: two seconds of burst, then 1.25× real time', () => {
    const { g, refused, advance } = gate();
    // A flood with no time passing: two seconds (96 000 frames) get through, no more.
    let passed = 0;
    for (let i = 0; i < 60; i++) if (g.take(chunk(2000))) passed += 2000;
    expect(passed).toBe(96_000);
    expect(refused).toEqual(['more sound than real time']);
    // A second later, 1.25 s worth has come back.
    advance(1000);
    passed = 0;
    for (let i = 0; i < 60; i++) if (g.take(chunk(2000))) passed += 2000;
    expect(passed).toBe(60_000);
    // After a long pause the bucket holds two seconds, not more.
    advance(60_000);
    passed = 0;
    for (let i = 0; i < 60; i++) if (g.take(chunk(2000))) passed += 2000;
    expect(passed).toBe(96_000);
    // Real time, steadily, always passes: 2048 frames every 42.67 ms for 10 s.
    const steady = gate();
    let ok = 0;
    for (let i = 0; i < 234; i++) {
      steady.advance((PAGE_AUDIO_CHUNK / 48_000) * 1000);
      if (steady.g.take(chunk(PAGE_AUDIO_CHUNK))) ok++;
    }
    expect(ok).toBe(234);
    expect(steady.refused).toEqual([]);
  });
});

describe('pageAudioScript', () => {
  it('is a self-contained script that takes the binding away from the page', () => {
    const source = pageAudioScript();
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain('delete globalThis["__studioPageAudio"]');
    expect(source).toContain('createScriptProcessor(2048, 2, 2)');
  });
});

/**
 * Runs the script against the least of Chromium's audio API it touches: one page AudioContext
 * whose sound is tapped, and the capture context's ScriptProcessorNode, whose events are dispatched
 * `late[k]` ms after their buffer filled (a busy page). Returns the stamps sent, ms.
 */
function stampsOf(late: number[]): { stamps: number[]; truth: number[] } {
  const RATE = 48_000;
  const WALL_AT_ZERO = 1_765_000_000_000;
  let clock = 0; // context seconds, the same for every context (one device)
  const sent: string[] = [];
  let onProcess: ((e: unknown) => void) | null = null;
  const node = () => ({ connect() {}, disconnect() {} });
  class BaseAudioContext {
    get destination() {
      return node();
    }
    get currentTime() {
      return clock;
    }
    createGain() {
      return node();
    }
    createMediaStreamDestination() {
      return { ...node(), stream: {} };
    }
    createMediaStreamSource() {
      return node();
    }
    createScriptProcessor() {
      return {
        ...node(),
        set onaudioprocess(f: (e: unknown) => void) {
          onProcess = f;
        },
      };
    }
    get state() {
      return 'running';
    }
  }
  class AudioContext extends BaseAudioContext {}
  const loud = new Float32Array(PAGE_AUDIO_CHUNK).fill(0.5);
  const window: Record<string, unknown> = {
    __studioPageAudio: (s: string) => sent.push(s),
    AudioContext,
    BaseAudioContext,
    HTMLMediaElement: class {},
    document: { addEventListener() {} },
    btoa: (s: string) => Buffer.from(s, 'latin1').toString('base64'),
    Date: { now: () => WALL_AT_ZERO + clock * 1000 },
  };
  window.window = window;
  window.globalThis = window;
  window.top = window;
  vm.runInNewContext(pageAudioScript(), window);
  // The page uses its own context's destination: the capture context starts.
  void (new AudioContext() as unknown as { destination: unknown }).destination;
  const span = PAGE_AUDIO_CHUNK / RATE;
  const truth: number[] = [];
  for (let k = 0; k < late.length; k++) {
    // The k-th input buffer was rendered over [k·span, (k+1)·span); its event comes late[k] ms after.
    truth.push(WALL_AT_ZERO + k * span * 1000);
    clock = (k + 1) * span + late[k]! / 1000;
    onProcess!({
      playbackTime: clock + span,
      inputBuffer: { length: PAGE_AUDIO_CHUNK, numberOfChannels: 1, getChannelData: () => loud },
    });
  }
  return { stamps: sent.map((s) => Number(s.split(';')[0])), truth };
}

describe('pageAudioScript stamps', () => {
  it('stamps each buffer where it was rendered, however late its event comes (a busy page)', () => {
    // A prompt event now and then, and most of them 30–60 ms late: the stamps stay on the buffers.
    const late = Array.from({ length: 60 }, (_, k) => (k % 10 === 0 ? 1 : 30 + ((k * 7) % 31)));
    const { stamps, truth } = stampsOf(late);
    expect(stamps).toHaveLength(60);
    // Within the prompt events' own lateness (1 ms).
    for (let k = 0; k < 60; k++) expect(Math.abs(stamps[k]! - truth[k]!), `buffer ${k}`).toBeLessThanOrEqual(1.1);
  });
});

describe('splitChunk', () => {
  const now = 1_765_000_000_000;
  it('takes the stamp off a stamped chunk and leaves the base64 for the gate', () => {
    expect(splitChunk(`${now - 40.5};${chunk(4)}`, now)).toEqual({ capturedAt: now - 40.5, body: chunk(4) });
    expect(splitChunk(chunk(4), now)).toEqual({ capturedAt: null, body: chunk(4) });
  });

  it('believes no stamp far from the host clock, and passes anything else on unchanged for the gate to refuse', () => {
    expect(splitChunk(`${now - 60_000};${chunk(4)}`, now)).toEqual({ capturedAt: null, body: chunk(4) });
    expect(splitChunk(`1e20;${chunk(4)}`, now)).toEqual({ capturedAt: null, body: `1e20;${chunk(4)}` });
    expect(splitChunk(7, now)).toEqual({ capturedAt: null, body: 7 });
    const g = gate().g;
    expect(g.take(splitChunk(`x;${chunk(4)}`, now).body)).toBeNull();
  });
});
