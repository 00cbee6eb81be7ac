/** The renderer's browser-source link: newest frame and problem per input, handed to the runtime attached for it. */
import { describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../../shared';
import { BrowserLink, type BrowserFrameEvent } from './browser-link';

function bridge() {
  let listener: ((e: StudioEvent) => void) | null = null;
  return {
    subscribe(l: (e: StudioEvent) => void) {
      listener = l;
      return () => (listener = null);
    },
    emit: (e: StudioEvent) => listener?.(e),
    subscribed: () => listener !== null,
  };
}

const frame = (inputUuid: string, seq: number): StudioEvent => ({ type: 'browser.frame', data: { inputUuid, seq, width: 2, height: 2, mime: 'image/png', data: `f${seq}`, capturedAt: null } });

describe('BrowserLink', () => {
  it('gives a runtime that attaches later the newest frame and problem, then each new one; only its own input', () => {
    const b = bridge();
    const link = new BrowserLink(b);
    b.emit(frame('a', 1));
    b.emit(frame('a', 2));
    b.emit(frame('b', 1));
    b.emit({ type: 'browser.problem', data: { inputUuid: 'a', problem: 'the page crashed' } });
    const frames: BrowserFrameEvent[] = [];
    const problems: (string | null)[] = [];
    const detach = link.attach('a', { frame: (f) => frames.push(f), problem: (p) => problems.push(p) });
    expect(frames.map((f) => f.seq)).toEqual([2]);
    expect(problems).toEqual(['the page crashed']);
    b.emit(frame('a', 3));
    b.emit(frame('b', 2));
    b.emit({ type: 'browser.problem', data: { inputUuid: 'a', problem: null } });
    expect(frames.map((f) => f.seq)).toEqual([2, 3]);
    expect(problems).toEqual(['the page crashed', null]);
    detach();
    b.emit(frame('a', 4));
    expect(frames).toHaveLength(2);
  });

  it('an empty frame (the page stopped) is passed on and not kept for later runtimes', () => {
    const b = bridge();
    const link = new BrowserLink(b);
    b.emit(frame('a', 1));
    const seen: string[] = [];
    const detach = link.attach('a', { frame: (f) => seen.push(f.data), problem: () => {} });
    b.emit({ type: 'browser.frame', data: { inputUuid: 'a', seq: 0, width: 0, height: 0, mime: 'image/png', data: '', capturedAt: null } });
    expect(seen).toEqual(['f1', '']);
    detach();
    const later: string[] = [];
    link.attach('a', { frame: (f) => later.push(f.data), problem: () => {} });
    expect(later).toEqual([]);
  });

  it('hands sound to its own input as it comes, and keeps none for a runtime that attaches later', () => {
    const b = bridge();
    const link = new BrowserLink(b);
    b.emit({ type: 'browser.audio', data: { inputUuid: 'a', seq: 1, data: 'early', capturedAt: null } });
    const heard: string[] = [];
    link.attach('a', { frame: () => {}, problem: () => {}, audio: (d, at) => heard.push(`${d}@${at}`) });
    b.emit({ type: 'browser.audio', data: { inputUuid: 'a', seq: 2, data: 'mine', capturedAt: 1234.5 } });
    b.emit({ type: 'browser.audio', data: { inputUuid: 'b', seq: 1, data: 'theirs', capturedAt: null } });
    expect(heard).toEqual(['mine@1234.5']);
  });

  it('forgets a removed input and unsubscribes on dispose', () => {
    const b = bridge();
    const link = new BrowserLink(b);
    b.emit(frame('a', 1));
    b.emit({ type: 'input.removed', data: { inputUuid: 'a', inputName: 'A' } });
    const frames: BrowserFrameEvent[] = [];
    link.attach('a', { frame: (f) => frames.push(f), problem: () => {} });
    expect(frames).toEqual([]);
    link.dispose();
    expect(b.subscribed()).toBe(false);
  });
});
