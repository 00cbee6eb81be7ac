import { describe, expect, it } from 'vitest';
import { Status, type DestinationState, type StudioEvent } from '../../shared';
import { ShowEvents, message } from './derive';

const stream = (state: DestinationState, error?: string): StudioEvent => ({
  type: 'stream.state',
  data: error ? { state, error: { code: Status.DestinationUnreachable, message: error } } : { state },
});
const dest = (state: DestinationState, extra: object = {}): StudioEvent =>
  ({ type: 'destination.state', data: { id: 'yt', name: 'YouTube', state, attempt: 0, ...extra } }) as StudioEvent;

function run(events: StudioEvent[], times: number[] = []) {
  let i = 0;
  const show = new ShowEvents(() => times[i] ?? 0);
  return events.flatMap((e, k) => {
    i = k;
    return show.take(e);
  });
}

describe('ShowEvents', () => {
  it('says started once per run, not after a reconnect, and stopped only after it started', () => {
    const out = run(
      [stream('connecting'), stream('live'), stream('reconnecting'), stream('connecting'), stream('live'), stream('stopping'), stream('idle'), stream('idle')],
      [0, 1000, 5000, 6000, 7000, 9000, 9500, 9600],
    );
    expect(out).toEqual([
      { event: 'stream.started', data: {} },
      { event: 'stream.stopped', data: { state: 'idle', durationMs: 8500, error: null } },
    ]);
    // A start that failed before going live was never a show.
    expect(run([stream('connecting'), stream('failed', 'The server refused the connection.')])).toEqual([]);
    // A second run starts again.
    expect(run([stream('live'), stream('idle'), stream('connecting'), stream('live')]).map((h) => h.event)).toEqual(['stream.started', 'stream.stopped', 'stream.started']);
  });

  it('a failed stream says why', () => {
    expect(run([stream('live'), stream('failed', 'YouTube: The connection to the server was lost.')])[1]).toEqual({
      event: 'stream.stopped',
      data: { state: 'failed', durationMs: 0, error: 'YouTube: The connection to the server was lost.' },
    });
  });

  it('tells destinations by id and name only, whatever else the event carries', () => {
    const out = run([
      dest('connecting'),
      dest('live', { server: 'rtmp://user:pw@live.example.com/app', url: 'rtmp://x/app/KEY', key: 'KEY' }),
      dest('reconnecting', { attempt: 2, retryInMs: 2000, error: { code: Status.DestinationUnreachable, message: 'The connection to the server was lost.' } }),
      dest('failed', { attempt: 3, error: { code: 902, message: 'FFmpeg stopped: rtmp://live.example.com/app/SECRETKEY: I/O error' } }),
      dest('stopping'),
      dest('idle'),
    ]);
    expect(out).toEqual([
      { event: 'destination.live', data: { id: 'yt', name: 'YouTube', attempt: 0, retryInMs: null, error: null } },
      { event: 'destination.reconnecting', data: { id: 'yt', name: 'YouTube', attempt: 2, retryInMs: 2000, error: 'The connection to the server was lost.' } },
      { event: 'destination.failed', data: { id: 'yt', name: 'YouTube', attempt: 3, retryInMs: null, error: 'FFmpeg stopped: <url>: I/O error' } },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/KEY|pw@|example/);
  });

  it('passes a saved recording on, and ignores everything else', () => {
    const saved: StudioEvent = { type: 'record.saved', data: { path: '/rec/a.mkv', remuxedPath: '/rec/a.mp4', bytes: 1234, durationMs: 60_000 } };
    expect(run([saved])).toEqual([{ event: 'recording.saved', data: { path: '/rec/a.mkv', remuxedPath: '/rec/a.mp4', bytes: 1234, durationMs: 60_000 } }]);
    expect(run([{ type: 'scene.created', data: { sceneUuid: 's', sceneName: 'S' } }, { type: 'notice', data: { level: 'info', message: 'hi' } }])).toEqual([]);
  });

  it('cuts every URL out of an error message', () => {
    expect(message({ code: 902, message: 'srt://h:9000?streamid=abc and https://hooks.example.com/x?token=t failed' })).toBe('<url> and <url> failed');
    expect(message(undefined)).toBeNull();
  });
});
