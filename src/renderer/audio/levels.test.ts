import { describe, expect, it } from 'vitest';
import { ok, type InputLevels } from '../../shared';
import { LevelReporter, REPORT_MS, measure } from './levels';

describe('measure', () => {
  it('reads RMS and peak of what the analyser holds', () => {
    const sine = { getFloatTimeDomainData: (out: Float32Array) => out.forEach((_, k) => (out[k] = 0.5 * Math.sin((2 * Math.PI * k) / 64))) };
    const { rms, peak } = measure(sine, new Float32Array(2048));
    expect(peak).toBeCloseTo(0.5, 3);
    expect(rms).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });
});

describe('LevelReporter', () => {
  function setup(kept = true) {
    let tick: () => void = () => {};
    const told: boolean[] = [];
    const sent: InputLevels[][] = [];
    let levels: InputLevels[] = [];
    const bridge = {
      invoke: (_type: string, args: { levels: InputLevels[] }) => {
        sent.push(args.levels);
        return Promise.resolve(ok({ kept }));
      },
    };
    const reporter = new LevelReporter(bridge as never, () => levels, {
      setInterval: (fn, ms) => {
        expect(ms).toBe(REPORT_MS);
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = () => {};
      },
    }, (k) => told.push(k));
    const run = async (n: number) => {
      for (let k = 0; k < n; k++) {
        tick();
        await Promise.resolve();
      }
    };
    return { sent, told, reporter, run, set: (l: InputLevels[]) => (levels = l) };
  }
  const A = { inputUuid: 'a', levelsMul: [[0.1, 0.2, 0.3]] };

  it('sends every beat while anything plays, one empty report after, then nothing', async () => {
    const { sent, told, run, set, reporter } = setup();
    await run(3);
    expect(sent).toEqual([]);
    set([A]);
    await run(2);
    set([]);
    await run(3);
    expect(sent).toEqual([[A], [A], []]);
    expect(told).toEqual([true, true, true]);
    reporter.dispose();
    set([A]);
    await run(2);
    expect(sent).toHaveLength(3);
  });

  it('asks again only about once a second when the engine keeps another renderer’s report', async () => {
    const { sent, told, run, set } = setup(false);
    set([A]);
    await run(21);
    expect(sent).toHaveLength(1);
    // The mixer hears it: this renderer is not the one that monitors.
    expect(told).toEqual([false]);
    await run(1);
    expect(sent).toHaveLength(2);
  });
});
