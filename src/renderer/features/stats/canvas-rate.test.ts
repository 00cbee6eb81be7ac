import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../compositor/meter';
import { canvasRateText, configuredFps } from './canvas-rate';

describe('the canvas rate', () => {
  it('is counted from frames drawn, over the time that really passed', () => {
    const meter = new RateMeter(0);
    // 30 fresh frames in a window that closed after 1.02 s: a little under 30 per second.
    for (let i = 0; i < 30; i++) meter.frame(2);
    expect(meter.roll(999)).toBe(false);
    expect(meter.roll(1020)).toBe(true);
    expect(meter.fps).toBeCloseTo(29.41, 2);
    expect(meter.renderMs).toBe(2);
    // A still picture draws nothing new: the next second measures 0, whatever the setting.
    expect(meter.roll(2020)).toBe(true);
    expect(meter.fps).toBe(0);
    expect(meter.renderMs).toBe(0);
  });

  it('shows the measured rate beside the configured one', () => {
    expect(canvasRateText(58.94, configuredFps({ fpsNumerator: 60, fpsDenominator: 1 }))).toBe('58.9 / 60 fps');
    expect(canvasRateText(0, configuredFps({ fpsNumerator: 30000, fpsDenominator: 1001 }))).toBe('0.0 / 29.97 fps');
    expect(canvasRateText(120, 120)).toBe('120 / 120 fps');
    expect(configuredFps({ fpsNumerator: 30, fpsDenominator: 0 })).toBe(0);
  });
});
