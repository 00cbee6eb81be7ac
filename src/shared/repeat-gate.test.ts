import { describe, expect, it } from 'vitest';
import { RepeatGate } from './repeat-gate';

describe('RepeatGate', () => {
  it('lets a key through once per interval, each key on its own', () => {
    const gate = new RepeatGate(60_000, 10);
    expect(gate.pass('a', 0)).toBe(true);
    expect(gate.pass('a', 59_999)).toBe(false);
    expect(gate.pass('b', 59_999)).toBe(true);
    expect(gate.pass('a', 60_000)).toBe(true);
    expect(gate.pass('a', 119_999)).toBe(false);
  });

  it('forgets the oldest key beyond its size, which then passes again', () => {
    const gate = new RepeatGate(60_000, 2);
    expect(gate.pass('a', 0)).toBe(true);
    expect(gate.pass('b', 1)).toBe(true);
    expect(gate.pass('c', 2)).toBe(true);
    expect(gate.pass('b', 3)).toBe(false);
    expect(gate.pass('a', 4)).toBe(true);
  });
});
