import { describe, expect, it } from 'vitest';
import type { StudioDocument, StudioEvent } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { MediaTracker } from './tracker';

const doc = {
  inputs: [
    { uuid: 'm', name: 'Clip', kind: 'ffmpeg_source', settings: {}, muted: false, volumeMul: 1 },
    { uuid: 'c', name: 'Colour', kind: 'color_source_v3', settings: {}, muted: false, volumeMul: 1 },
  ],
} as unknown as StudioDocument;

function setup() {
  const clock = new FakeClock();
  const events: StudioEvent[] = [];
  const tracker = new MediaTracker({ clock, document: () => doc, emit: (e) => events.push(e) });
  return { clock, events, tracker };
}

const playing = { inputUuid: 'm', state: 'playing', durationMs: 4000, cursorMs: 1000, rate: 1 };

describe('MediaTracker', () => {
  it('keeps only the output owner’s report and moves a playing cursor on with the clock, up to the end', () => {
    const { clock, tracker, events } = setup();
    expect(tracker.report({ media: [playing] }, false)).toEqual({ ok: true, value: { kept: false } });
    expect(tracker.status('m').state).toBe('none');
    expect(tracker.report({ media: [playing] }, true)).toEqual({ ok: true, value: { kept: true } });
    clock.advance(500);
    expect(tracker.status('m')).toMatchObject({ state: 'playing', cursorMs: 1500, durationMs: 4000 });
    clock.advance(10_000);
    expect(tracker.status('m').cursorMs).toBe(4000);
    expect(events.filter((e) => e.type === 'media.state').map((e) => e.data)).toEqual([
      { inputUuid: 'm', inputName: 'Clip', state: 'playing', previous: 'none' },
    ]);
  });

  it('a half speed cursor moves at half the clock; a paused one stays', () => {
    const { clock, tracker } = setup();
    tracker.report({ media: [{ ...playing, rate: 0.5 }] }, true);
    clock.advance(1000);
    expect(tracker.status('m').cursorMs).toBe(1500);
    tracker.report({ media: [{ ...playing, state: 'paused' }] }, true);
    clock.advance(1000);
    expect(tracker.status('m').cursorMs).toBe(1000);
  });

  it('relays checked actions for media inputs only, and shows their effect before the renderer reports', () => {
    const { tracker, events } = setup();
    tracker.report({ media: [playing] }, true);
    expect(tracker.action({ inputUuid: 'm', action: 'pause' }).ok).toBe(true);
    // Paused once the player says so, not before.
    expect(tracker.status('m').state).toBe('playing');
    expect(tracker.action({ inputUuid: 'm', action: 'seek', cursorMs: 2500 }).ok).toBe(true);
    expect(tracker.status('m').cursorMs).toBe(2500);
    expect(events.filter((e) => e.type === 'media.action').map((e) => e.data)).toEqual([
      { inputUuid: 'm', inputName: 'Clip', action: 'pause' },
      { inputUuid: 'm', inputName: 'Clip', action: 'seek', cursorMs: 2500 },
    ]);
    // A colour source plays nothing: accepted, nothing sent (as OBS).
    expect(tracker.action({ inputUuid: 'c', action: 'play' }).ok).toBe(true);
    expect(events.filter((e) => e.type === 'media.action')).toHaveLength(2);
    expect(tracker.action({ inputUuid: 'm', action: 'seek' })).toMatchObject({ ok: false, error: { code: 400 } });
    expect(tracker.action({ inputUuid: 'm', action: 'rewind' })).toMatchObject({ ok: false, error: { code: 400 } });
    expect(tracker.action({ inputUuid: 'nope', action: 'play' })).toMatchObject({ ok: false, error: { code: 600 } });
  });

  it('refuses malformed reports, and says error with the engine’s reason for a file that cannot play', () => {
    const { tracker } = setup();
    expect(tracker.report({ media: [{ ...playing, state: 'dancing' }] }, true).ok).toBe(false);
    expect(tracker.report({ media: [{ ...playing, cursorMs: -1 }] }, true).ok).toBe(false);
    expect(tracker.report({ media: 'x' }, true).ok).toBe(false);
    tracker.report({ media: [playing] }, true);
    expect(tracker.setProblem('m', 'its video codec mpeg4 cannot be decoded')).toBe(true);
    expect(tracker.setProblem('m', 'its video codec mpeg4 cannot be decoded')).toBe(false);
    expect(tracker.status('m')).toMatchObject({ state: 'error', error: 'its video codec mpeg4 cannot be decoded' });
  });

  it('announces the owner’s device list when it changes', () => {
    const { tracker, events } = setup();
    const devices = [{ kind: 'videoinput', deviceId: 'abc', label: 'Cam  1' }];
    expect(tracker.reportDevices({ devices }, true).ok).toBe(true);
    expect(tracker.reportDevices({ devices }, true).ok).toBe(true);
    expect(tracker.devices()).toEqual([{ kind: 'videoinput', deviceId: 'abc', label: 'Cam 1' }]);
    expect(events.filter((e) => e.type === 'devices.changed')).toHaveLength(1);
    expect(tracker.reportDevices({ devices: [{ kind: 'printer', deviceId: 'x', label: '' }] }, true).ok).toBe(false);
  });
});
