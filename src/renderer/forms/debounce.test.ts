import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher, createThrottle } from './debounce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createBatcher', () => {
  it('sends one merged batch after the quiet period', () => {
    const sent: object[] = [];
    const b = createBatcher<Record<string, unknown>>((x) => sent.push(x), 150);
    b.push({ text: 'a' });
    vi.advanceTimersByTime(100);
    b.push({ text: 'ab' });
    b.push({ color: 1 });
    vi.advanceTimersByTime(149);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ text: 'ab', color: 1 }]);
    expect(b.pending()).toBe(false);
  });

  it('flushes now and cancels', () => {
    const sent: object[] = [];
    const b = createBatcher<Record<string, unknown>>((x) => sent.push(x), 150);
    b.push({ a: 1 });
    b.flush();
    expect(sent).toEqual([{ a: 1 }]);
    b.flush();
    b.push({ a: 2 });
    b.cancel();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ a: 1 }]);
  });
});

describe('createThrottle', () => {
  it('sends at most once per interval with the latest value, and the last one at the end', () => {
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 50, () => Date.now());
    t.call(1); // leading edge
    vi.advanceTimersByTime(10);
    t.call(2);
    vi.advanceTimersByTime(10);
    t.call(3);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(30);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([1, 3]);
  });

  it('flush sends the waiting value immediately; cancel drops it', () => {
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 50, () => Date.now());
    t.call(1);
    t.call(2);
    t.flush();
    expect(sent).toEqual([1, 2]);
    vi.advanceTimersByTime(10);
    t.call(3);
    t.cancel();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1, 2]);
  });
});
