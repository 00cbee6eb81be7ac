import { describe, expect, it } from 'vitest';
import { CpuMeter } from './cpu';

const core = (busy: number, idle: number) => ({ times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } });

describe('CpuMeter', () => {
  it('measures the busy share of the time since the previous reading, all cores together', () => {
    let cores = [core(100, 900), core(100, 900)];
    const meter = new CpuMeter(() => cores);
    // Core 1: 300 busy of 400; core 2: 100 busy of 400 → 400 of 800 = 50 %.
    cores = [core(400, 1000), core(200, 1200)];
    expect(meter.percent()).toBe(50);
    // Since that reading: everything idle.
    cores = [core(400, 2000), core(200, 2200)];
    expect(meter.percent()).toBe(0);
    cores = [core(1400, 2000), core(1200, 2200)];
    expect(meter.percent()).toBe(100);
  });

  it('reads 0, not NaN or a negative, when no time passed or counters went backwards', () => {
    let cores = [core(500, 500)];
    const meter = new CpuMeter(() => cores);
    expect(meter.percent()).toBe(0);
    cores = [core(100, 100)];
    expect(meter.percent()).toBe(0);
    cores = [];
    expect(meter.percent()).toBe(0);
  });

  it('works on the real machine', () => {
    const meter = new CpuMeter();
    const end = Date.now() + 20;
    while (Date.now() < end) Math.sqrt(Math.random());
    const p = meter.percent();
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(100);
  });
});
