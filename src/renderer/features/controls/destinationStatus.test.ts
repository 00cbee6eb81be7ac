import { describe, expect, it } from 'vitest';
import { Status, type DestinationStats } from '../../../shared';
import { reduceDestinationStatus, type StatusById } from './destinationStatus';

const stats = (over: Partial<DestinationStats>): DestinationStats => ({
  id: 'a',
  name: 'A',
  state: 'live',
  bitrateKbps: 2500,
  bytesSent: 1,
  framesSent: 1,
  dropped: 0,
  reconnects: 0,
  uptimeMs: 1000,
  congestion: 0,
  lastError: null,
  viewers: null,
  viewersNote: null,
  ...over,
});

describe('reduceDestinationStatus', () => {
  it('follows state changes, keeps the last reason until the destination is live again', () => {
    let s: StatusById = {};
    s = reduceDestinationStatus(s, { type: 'destination.state', data: { id: 'a', name: 'A', state: 'live', attempt: 0 } });
    s = reduceDestinationStatus(s, { type: 'destination.stats', data: { stats: [stats({})] } });
    expect(s['a']).toMatchObject({ state: 'live', bitrateKbps: 2500, error: null });
    const lost = { code: Status.DestinationUnreachable, message: 'The connection to the server was lost.' };
    s = reduceDestinationStatus(s, { type: 'destination.state', data: { id: 'a', name: 'A', state: 'reconnecting', attempt: 2, retryInMs: 2000, error: lost } });
    expect(s['a']).toMatchObject({ state: 'reconnecting', error: lost.message, attempt: 2, retryInMs: 2000, bitrateKbps: 0 });
    s = reduceDestinationStatus(s, { type: 'destination.state', data: { id: 'a', name: 'A', state: 'connecting', attempt: 2 } });
    expect(s['a']!.error).toBe(lost.message);
    s = reduceDestinationStatus(s, { type: 'destination.state', data: { id: 'a', name: 'A', state: 'live', attempt: 2 } });
    expect(s['a']!.error).toBeNull();
  });

  it('takes numbers for several destinations from one stats event, and ignores other events', () => {
    const s = reduceDestinationStatus({}, { type: 'destination.stats', data: { stats: [stats({}), stats({ id: 'b', state: 'failed', bitrateKbps: 0, lastError: 'Rejected.' })] } });
    expect(Object.keys(s)).toEqual(['a', 'b']);
    expect(s['b']).toMatchObject({ state: 'failed', error: 'Rejected.' });
    expect(reduceDestinationStatus(s, { type: 'video.changed', data: {} })).toBe(s);
  });
});
