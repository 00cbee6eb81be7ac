import { describe, expect, it } from 'vitest';
import { serial } from './serial';

describe('serial', () => {
  it('runs one job at a time and folds calls made meanwhile into one more run', async () => {
    let runs = 0;
    let inFlight = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const job = serial(async () => {
      runs++;
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight--;
    });
    const first = job();
    const calls = [job(), job(), job()];
    await Promise.resolve();
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    gates.shift()!();
    await Promise.all([first, ...calls]);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('keeps going after a job throws', async () => {
    let runs = 0;
    const job = serial(async () => {
      runs++;
      throw new Error('boom');
    });
    await job();
    await job();
    expect(runs).toBe(2);
  });
});
