/** MediaTracker's view of network stream sources (setStreamState), as GetMediaInputStatus reads it. */
import { describe, expect, it } from 'vitest';
import type { StudioDocument, StudioEvent } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { MediaTracker } from './tracker';

const doc = { inputs: [{ uuid: 'n', name: 'Remote', kind: 'ffmpeg_source', settings: { is_local_file: false }, muted: false, volumeMul: 1 }] } as unknown as StudioDocument;

describe('MediaTracker.setStreamState', () => {
  it('answers the pull’s state while the stream is down, and the player’s once it is live', () => {
    const events: StudioEvent[] = [];
    const tracker = new MediaTracker({ clock: new FakeClock(), document: () => doc, emit: (e) => events.push(e) });
    tracker.setStreamState('n', { state: 'opening', reason: 'connecting…' });
    expect(tracker.status('n')).toEqual({ inputUuid: 'n', state: 'opening', durationMs: null, cursorMs: null, rate: 1, error: 'connecting…' });
    // The renderer's report does not hide that the engine has no stream.
    tracker.report({ media: [{ inputUuid: 'n', state: 'playing', durationMs: null, cursorMs: null, rate: 1 }] }, true);
    expect(tracker.status('n').state).toBe('opening');
    tracker.setStreamState('n', null);
    expect(tracker.status('n')).toMatchObject({ state: 'playing' });
    tracker.setStreamState('n', { state: 'buffering', reason: 'reconnecting…' });
    expect(tracker.status('n')).toMatchObject({ state: 'buffering', error: 'reconnecting…' });

    // Renderers hear each reason (and its end) as a media.problem; a new one gets the current one.
    const problems = events.filter((e) => e.type === 'media.problem').map((e) => e.data.problem);
    expect(problems).toEqual(['connecting…', null, 'reconnecting…']);
    expect(tracker.problemEvents()).toEqual([{ type: 'media.problem', data: { inputUuid: 'n', problem: 'reconnecting…' } }]);
    const states = events.filter((e) => e.type === 'media.state').map((e) => `${e.data.previous}→${e.data.state}`);
    expect(states).toEqual(['none→opening', 'opening→playing', 'playing→buffering']);
  });

  it('forgets a stream whose input is gone', () => {
    const tracker = new MediaTracker({ clock: new FakeClock(), document: () => doc, emit: () => {} });
    tracker.setStreamState('n', { state: 'buffering', reason: 'reconnecting…' });
    tracker.documentChanged({ inputs: [] } as unknown as StudioDocument);
    expect(tracker.status('n').state).toBe('none');
    expect(tracker.problemEvents()).toEqual([]);
  });
});
