import { describe, expect, it } from 'vitest';
import { FlowWindow } from './flow';

describe('FlowWindow', () => {
  it('allows at most max unacknowledged frames', () => {
    const f = new FlowWindow(3, 2000);
    for (let i = 0; i < 3; i++) {
      expect(f.hasRoom(0)).toBe(true);
      f.sent(i, 0);
    }
    expect(f.hasRoom(0)).toBe(false);
    f.ack(0);
    expect(f.hasRoom(0)).toBe(true);
    expect(f.size).toBe(2);
  });

  it('releases everything up to an ack, so a lost ack cannot wedge it', () => {
    const f = new FlowWindow(3, 2000);
    f.sent(10, 0);
    f.sent(12, 0);
    f.sent(13, 0);
    f.ack(12);
    expect(f.size).toBe(1);
    f.ack(99);
    expect(f.size).toBe(0);
  });

  it('forgets frames that were never acknowledged after staleMs', () => {
    const f = new FlowWindow(3, 2000);
    f.sent(1, 0);
    f.sent(2, 500);
    f.sent(3, 1000);
    expect(f.hasRoom(1999)).toBe(false);
    expect(f.hasRoom(2001)).toBe(true);
    expect(f.size).toBe(2);
  });
});
