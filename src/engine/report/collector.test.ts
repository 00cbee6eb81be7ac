import { describe, expect, it } from 'vitest';
import type { DestinationStats, OutputStats, StudioEvent } from '../../shared';
import { StreamSession } from './collector';
import { reportHtml } from './html';

const out = (over: Partial<OutputStats>): StudioEvent => ({
  type: 'stream.stats',
  data: { stats: { state: 'live', fps: 30, bitrateKbps: 3000, bytesSent: 0, framesEncoded: 0, dropped: 0, skipped: 0, lagged: 0, framesSent: 0, uptimeMs: 0, encoderSpeed: 1, renderMs: 4, cpuPercent: 50, ...over } as OutputStats },
});
const dest = (id: string, over: Partial<DestinationStats>): DestinationStats => ({
  id, name: id.toUpperCase(), state: 'live', bitrateKbps: 3000, bytesSent: 0, framesSent: 0, dropped: 0, reconnects: 0, uptimeMs: 0, congestion: 0, lastError: null, viewers: null, viewersNote: null, ...over,
});
const state = (id: string, s: DestinationStats['state'], message?: string): StudioEvent => ({
  type: 'destination.state',
  data: { id, name: id.toUpperCase(), state: s, attempt: 0, ...(message && { error: { code: 500, message } }) },
});

describe('StreamSession', () => {
  it('tells uptime, reconnects with causes, bytes, average and minimum bitrate, and render figures', () => {
    const s = new StreamSession(1000, new Date('2026-12-05T10:00:00Z'), 'libx264');
    s.take(state('a', 'connecting'), 1000);
    s.take(state('a', 'live'), 2000);
    // Seconds 1..4 live: the first (ramp) second is not a minimum.
    s.take({ type: 'destination.stats', data: { stats: [dest('a', { bitrateKbps: 100, bytesSent: 1000 })] } }, 3000);
    s.take(out({ lagged: 1, framesSent: 30, renderMs: 4 }), 3000);
    s.take({ type: 'destination.stats', data: { stats: [dest('a', { bitrateKbps: 2800, bytesSent: 400_000 })] } }, 4000);
    s.take(out({ lagged: 2, framesSent: 60, renderMs: 8 }), 4000);
    s.take(state('a', 'reconnecting', 'rtmp://live.example.com/app/secret-key: Connection reset by peer'), 6000);
    s.take(state('a', 'live'), 8000);
    s.take({ type: 'destination.stats', data: { stats: [dest('a', { bitrateKbps: 900, bytesSent: 700_000, dropped: 3 })] } }, 9000);
    s.take({ type: 'destination.stats', data: { stats: [dest('a', { bitrateKbps: 2500, bytesSent: 1_000_000, dropped: 3 })] } }, 10_000);
    s.take({ type: 'diagnosis.changed', data: { severity: 'warning', where: 'destination', destinationId: 'a', destinationName: 'A', message: 'A struggles' } as never }, 6500);
    s.take({ type: 'encoder.status', data: { probing: false, chosen: 'libx264', why: '', probes: [], fallback: { from: 'h264_nvenc', to: 'libx264', message: 'NVENC failed' } } }, 5000);
    const r = s.finish(11_000, new Date('2026-12-05T10:00:10Z'), 'idle', null);

    expect(r).toMatchObject({ durationMs: 10_000, endState: 'idle', startedAt: '2026-12-05T10:00:00.000Z', encoder: { name: 'libx264' } });
    expect(r.encoder.fallbacks).toEqual([{ atMs: 4000, from: 'h264_nvenc', to: 'libx264', message: 'NVENC failed' }]);
    const a = r.destinations[0]!;
    // Live 2000→6000 and 8000→11000.
    expect(a.uptimeMs).toBe(7000);
    expect(a.reconnects).toHaveLength(1);
    expect(a.reconnects[0]!.atMs).toBe(5000);
    // The cause keeps the words and loses the URL (and the key in it).
    expect(a.reconnects[0]!.cause).toContain('Connection reset by peer');
    expect(a.reconnects[0]!.cause).not.toContain('secret-key');
    expect(a).toMatchObject({ bytesSent: 1_000_000, averageKbps: Math.round((1_000_000 * 8) / 7000), droppedFrames: 3, endState: 'live' });
    // 100 (first second) and 900 (first second after the reconnect) are ramps, not minimums.
    expect(a.minimumKbps).toBe(2500);
    expect(r.render).toMatchObject({ lagged: 2, framesSent: 60, meanRenderMs: 6, maxRenderMs: 8 });
    expect(r.diagnosis).toEqual([{ atMs: 5500, severity: 'warning', message: 'A struggles' }]);
    expect(r.samples.map((p) => p.destinations)).toEqual([{ a: 100 }, { a: 2800 }]);
  });

  it('takes the totals as they are at the stop, fresher than the last once-a-second stats', () => {
    const s = new StreamSession(0, new Date(0), null);
    s.take(state('a', 'live'), 0);
    s.take({ type: 'destination.stats', data: { stats: [dest('a', { bytesSent: 371 })] } }, 1000);
    s.totals([dest('a', { bytesSent: 250_000, dropped: 2 }), dest('unknown', { bytesSent: 9 })]);
    const r = s.finish(2000, new Date(2000), 'idle', null);
    expect(r.destinations).toEqual([expect.objectContaining({ id: 'a', bytesSent: 250_000, droppedFrames: 2, averageKbps: 1000 })]);
  });

  it('thins a long run’s graph points instead of cutting them', () => {
    const s = new StreamSession(0, new Date(0), null);
    for (let i = 0; i < 10_000; i++) s.take(out({}), i * 1000);
    const r = s.finish(10_000_000, new Date(0), 'failed', 'encoder died');
    expect(r.samples.length).toBeLessThanOrEqual(3600);
    expect(r.samples.at(-1)!.atMs).toBeGreaterThan(9_000_000);
    expect(r).toMatchObject({ endState: 'failed', error: 'encoder died' });
  });

  it('the HTML page escapes the show’s names and causes', () => {
    const s = new StreamSession(0, new Date(0), null);
    s.take({ type: 'destination.state', data: { id: 'x', name: '<script>alert(1)</script>', state: 'live', attempt: 0 } }, 0);
    s.take({ type: 'destination.state', data: { id: 'x', name: '<script>alert(1)</script>', state: 'failed', attempt: 0, error: { code: 500, message: 'bad "<b>"' } } }, 1000);
    const html = reportHtml(s.finish(2000, new Date(2000), 'idle', null));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('Stream report');
  });
});
