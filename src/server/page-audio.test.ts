/** The checks on what comes through a page's audio binding (test/integration/browser-audio.test.ts runs the script in Chromium). */
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
