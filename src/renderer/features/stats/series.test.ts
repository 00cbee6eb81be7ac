import { describe, expect, it } from 'vitest';
import type { DestinationState, StatsSample } from '../../../shared';
import { destinationSeries, destinationsIn, levelSeries, rateSeries } from './series';

const s = (t: number, patch: Partial<StatsSample> = {}): StatsSample => ({
  t,
  state: 'live',
  fps: 30,
  bitrateKbps: 2500,
  renderMs: 10,
  encoderSpeed: 1,
  cpuPercent: 30,
  lagged: 0,
  skipped: 0,
  dropped: 0,
  destinations: [],
  ...patch,
});
const dest = (id: string, patch: { state?: DestinationState; bitrateKbps?: number; dropped?: number; congestion?: number } = {}) => ({
  id,
  name: id.toUpperCase(),
  state: 'live' as DestinationState,
  bitrateKbps: 1000,
  dropped: 0,
  congestion: 0,
  ...patch,
});

describe('stats series', () => {
  it('breaks a line where the stream stopped or samples are missing', () => {
    const history = [s(1000), s(2000), s(3000, { state: 'idle', bitrateKbps: 0 }), s(60_000), s(61_000), s(70_000), s(71_000, { bitrateKbps: 100 })];
    const line = levelSeries(history, 'b', 'Bitrate', '#fff', (x) => x.bitrateKbps);
    expect(line.segments.map((seg) => seg.map((p) => p.t))).toEqual([[1000, 2000], [60_000, 61_000], [70_000, 71_000]]);
    expect(line.latest).toBe(100);
    expect(levelSeries([s(1000), s(2000, { state: 'failed' })], 'b', 'B', '#fff', (x) => x.fps).latest).toBeNull();
  });

  it('turns counters into per-second rates within one run only', () => {
    const history = [
      s(1000, { lagged: 5 }), // first sample of a run: no rate
      s(2000, { lagged: 8 }),
      s(4000, { lagged: 12 }), // 2 s later: 2/s
      s(5000, { lagged: 12, state: 'idle' }),
      s(9000, { lagged: 3 }), // new run: no rate against the old one
      s(10_000, { lagged: 4 }),
    ];
    const rate = rateSeries(history, 'l', 'Lagged', '#fff', (x) => x.lagged);
    expect(rate.segments).toEqual([[{ t: 2000, v: 3 }, { t: 4000, v: 2 }], [{ t: 10_000, v: 1 }]]);
  });

  it('gives each destination its own line and color, only while it sends', () => {
    const history = [
      s(1000, { destinations: [dest('tw', { bitrateKbps: 900 })] }),
      s(2000, { destinations: [dest('tw', { bitrateKbps: 1100 }), dest('yt', { state: 'connecting', bitrateKbps: 0 })] }),
      s(3000, { destinations: [dest('tw', { state: 'failed' }), dest('yt', { bitrateKbps: 800, dropped: 4 })] }),
      s(4000, { destinations: [dest('yt', { bitrateKbps: 700, dropped: 10 })] }),
    ];
    expect([...destinationsIn(history)]).toEqual([
      ['tw', 'TW'],
      ['yt', 'YT'],
    ]);
    const [tw, yt] = destinationSeries(history, 'rate', (n) => n, (d) => d.bitrateKbps);
    expect(tw!.segments).toEqual([[{ t: 1000, v: 900 }, { t: 2000, v: 1100 }]]);
    expect(yt!.segments.flat().map((p) => p.v)).toEqual([0, 800, 700]);
    expect(tw!.color).not.toBe(yt!.color);
    const [, ytDropped] = destinationSeries(history, 'drop', (n) => `${n} dropped`, (d) => d.dropped, { rate: true });
    expect(ytDropped!.label).toBe('YT dropped');
    expect(ytDropped!.segments.flat()).toEqual([{ t: 3000, v: 4 }, { t: 4000, v: 6 }]);
  });
});
