import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Input, type StudioDocument } from '../../shared';
import { InputAudio, TONE_DBFS, type VoiceContext } from './inputs';

/** Just enough of WebAudio to see what the voices do. */
class FakeParam {
  value = 0;
  setTargetAtTime(v: number) {
    this.value = v;
  }
}
class FakeNode {
  readonly to = new Set<unknown>();
  connect(n: unknown) {
    this.to.add(n);
    if (n instanceof FakeAnalyser) n.from = this;
  }
  disconnect() {
    this.to.clear();
  }
}
class FakeOsc extends FakeNode {
  type = '';
  frequency = new FakeParam();
  started = false;
  stopped = false;
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
}
class FakeGain extends FakeNode {
  gain = new FakeParam();
}
/** Hears a full-scale square wave from an oscillator, scaled by a gain in between. */
class FakeAnalyser extends FakeNode {
  fftSize = 0;
  from: unknown = null;
  getFloatTimeDomainData(out: Float32Array) {
    const level = this.from instanceof FakeGain ? this.from.gain.value : this.from instanceof FakeOsc ? 1 : 0;
    for (let k = 0; k < out.length; k++) out[k] = k % 2 ? -level : level;
  }
}

function fakeContext() {
  const oscs: FakeOsc[] = [];
  const gains: FakeGain[] = [];
  const ctx = {
    currentTime: 0,
    createOscillator: () => oscs[oscs.push(new FakeOsc()) - 1],
    createGain: () => gains[gains.push(new FakeGain()) - 1],
    createAnalyser: () => new FakeAnalyser(),
  };
  return { ctx: ctx as unknown as VoiceContext, oscs, gains };
}

const LEVEL = 10 ** (TONE_DBFS / 20);
const tone = (uuid: string, extra: Partial<Input> = {}): Input => ({
  uuid,
  name: uuid,
  kind: 'audio_test_tone',
  settings: { frequency: 1000 },
  muted: false,
  volumeMul: 1,
  ...extra,
});
const item = (sourceUuid: string, sceneItemId: number, enabled = true) => ({ sceneItemId, sourceUuid, enabled, locked: false, transform: DEFAULT_TRANSFORM });

function doc(inputs: Input[], program: { sourceUuid: string; enabled?: boolean }[], other: string[] = []): StudioDocument {
  return {
    version: 1,
    revision: 1,
    scenes: [
      { uuid: 'main', name: 'Main', items: program.map((p, k) => item(p.sourceUuid, k + 1, p.enabled)), nextItemId: 99 },
      { uuid: 'other', name: 'Other', items: other.map((s, k) => item(s, k + 1)), nextItemId: 99 },
    ],
    inputs,
    currentSceneUuid: 'main',
  } as unknown as StudioDocument;
}

describe('InputAudio', () => {
  it('plays a tone only while it is active in program, at its level, frequency and mute', () => {
    const { ctx, oscs, gains } = fakeContext();
    const master = new FakeNode();
    const audio = new InputAudio(ctx, master as unknown as AudioNode);
    const color: Input = { ...tone('color'), kind: 'color_source_v3' };

    audio.sync(doc([tone('a'), tone('b'), tone('hidden'), color], [{ sourceUuid: 'a' }, { sourceUuid: 'hidden', enabled: false }, { sourceUuid: 'color' }], ['b']));
    expect(audio.playing).toBe(1);
    expect(oscs[0]).toMatchObject({ type: 'sine', started: true, stopped: false });
    expect(oscs[0]!.frequency.value).toBe(1000);
    expect(gains[0]!.gain.value).toBeCloseTo(LEVEL);
    expect(oscs[0]!.to.has(gains[0])).toBe(true);
    expect(gains[0]!.to.has(master)).toBe(true);

    // Mute and volume change the same voice's gain; a new frequency retunes it.
    audio.sync(doc([tone('a', { muted: true, settings: { frequency: 440 } })], [{ sourceUuid: 'a' }]));
    expect(oscs).toHaveLength(1);
    expect(gains[0]!.gain.value).toBe(0);
    expect(oscs[0]!.frequency.value).toBe(440);
    audio.sync(doc([tone('a', { volumeMul: 2 })], [{ sourceUuid: 'a' }]));
    expect(gains[0]!.gain.value).toBeCloseTo(2 * LEVEL);

    // Leaving program stops and disconnects it.
    audio.sync(doc([tone('a')], [], ['a']));
    expect(audio.playing).toBe(0);
    expect(oscs[0]).toMatchObject({ stopped: true });
    expect(gains[0]!.to.size).toBe(0);
  });

  it('meters each voice after its gain (magnitude, peak) and before it (inputPeak), per channel', () => {
    const { ctx } = fakeContext();
    const audio = new InputAudio(ctx, new FakeNode() as unknown as AudioNode);
    audio.sync(doc([tone('a', { volumeMul: 0.5 })], [{ sourceUuid: 'a' }]));
    const [a] = audio.levels();
    expect(a!.inputUuid).toBe('a');
    expect(a!.levelsMul).toHaveLength(2);
    for (const [magnitude, peak, inputPeak] of a!.levelsMul) {
      expect(magnitude).toBeCloseTo(0.5 * LEVEL);
      expect(peak).toBeCloseTo(0.5 * LEVEL);
      expect(inputPeak).toBe(1);
    }
    // Muted: the fader's side falls to zero, the input side still shows what comes in.
    audio.sync(doc([tone('a', { muted: true })], [{ sourceUuid: 'a' }]));
    expect(audio.levels()[0]!.levelsMul[0]).toEqual([0, 0, 1]);
    audio.sync(doc([tone('a')], []));
    expect(audio.levels()).toEqual([]);
  });

  it('dispose stops every voice', () => {
    const { ctx, oscs } = fakeContext();
    const audio = new InputAudio(ctx, new FakeNode() as unknown as AudioNode);
    audio.sync(doc([tone('a'), tone('b')], [{ sourceUuid: 'a' }, { sourceUuid: 'b' }]));
    expect(audio.playing).toBe(2);
    audio.dispose();
    expect(audio.playing).toBe(0);
    expect(oscs.every((o) => o.stopped)).toBe(true);
  });
});
