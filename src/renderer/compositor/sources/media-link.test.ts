import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaStatus, StudioEvent } from '../../../shared';
import { MediaLink, worthSending, type MediaPlayer } from './media-link';

const playing: MediaStatus = { inputUuid: 'm', state: 'playing', durationMs: 4000, cursorMs: 1000, rate: 1 };

describe('worthSending', () => {
  it('sends state changes, cursor jumps and a heartbeat, not a cursor that moves as predicted', () => {
    const last = { status: playing, at: 0 };
    expect(worthSending(last, { ...playing, cursorMs: 1200 }, 200)).toBe(false);
    expect(worthSending(last, { ...playing, cursorMs: 3000 }, 200)).toBe(true);
    expect(worthSending(last, { ...playing, cursorMs: 2000 }, 1000)).toBe(true);
    expect(worthSending(last, { ...playing, state: 'paused' }, 10)).toBe(true);
    const paused = { status: { ...playing, state: 'paused' as const }, at: 0 };
    expect(worthSending(paused, { ...playing, state: 'paused' }, 5000)).toBe(false);
  });
});

describe('MediaLink', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('plays engine actions and verdicts into the player of that input, and reports its status', async () => {
    let emit: (e: StudioEvent) => void = () => {};
    const invoke = vi.fn(async () => ({ ok: true as const, value: { kept: true } }));
    const bridge = { invoke, subscribe: (l: (e: StudioEvent) => void) => ((emit = l), () => {}) } as never;
    let now = 0;
    const link = new MediaLink(bridge, () => now);
    const actions: string[] = [];
    const problems: (string | null)[] = [];
    const player: MediaPlayer = { status: () => playing, action: (a, c) => void actions.push(`${a}${c ?? ''}`), problem: (p) => void problems.push(p) };
    const detach = link.attach('m', player);
    emit({ type: 'media.action', data: { inputUuid: 'm', inputName: 'Clip', action: 'seek', cursorMs: 2500 } });
    emit({ type: 'media.action', data: { inputUuid: 'other', inputName: 'X', action: 'pause' } });
    emit({ type: 'media.problem', data: { inputUuid: 'm', problem: 'its video codec mpeg4 cannot be decoded' } });
    expect(actions).toEqual(['seek2500']);
    expect(problems).toEqual(['its video codec mpeg4 cannot be decoded']);
    now = 250;
    link.poll();
    expect(invoke).toHaveBeenCalledWith('renderer.mediaStatus', { media: [playing] });
    detach();
    now = 500;
    link.poll();
    expect(invoke).toHaveBeenLastCalledWith('renderer.mediaStatus', { media: [{ inputUuid: 'm', state: 'none', durationMs: null, cursorMs: null, rate: 1 }] });
    link.dispose();
  });
});
