import { describe, expect, it } from 'vitest';
import { CaptureClocks, StampOffset } from './camera-frames';

describe("a camera frame's capture time on the page clock", () => {
  it('is its stamp plus the least delivery seen, whatever clock the stamps are on', () => {
    const o = new StampOffset(4000);
    // Stamps on a clock 50 s ahead of the page's; frames arrive 3 to 40 ms after capture.
    const base = 50_000;
    expect(o.place(base + 1000, 1040)).toBe(1040);
    expect(o.place(base + 1050, 1053)).toBe(1053);
    // A frame delivered late (a stalled page) is placed where it was captured, not where it came.
    expect(o.place(base + 1100, 1180)).toBe(1103);
    expect(o.place(base + 1150, 1160)).toBe(1153);
  });

  it('forgets a delivery older than its window, so it follows the clocks if they drift apart', () => {
    const o = new StampOffset(1000);
    o.place(0, 10);
    expect(o.place(500, 540)).toBe(510);
    // 2 s on: the 10 ms delivery is out of the window; the least now is the newer ones'.
    o.place(2000, 2030);
    expect(o.place(2100, 2125)).toBe(2125);
  });

  it("is shared by the page's cameras on one clock, and kept apart for a camera on another", () => {
    const clocks = new CaptureClocks();
    // Camera A, promptly delivered once: the clock's distance is learnt.
    expect(clocks.place(50_000, 1002)).toBe(1002);
    // Camera B on the same clock, opened on a busy page: placed by what A taught.
    expect(clocks.place(50_500, 1560)).toBe(1502);
    // Camera C stamps from its own start (0-based): far from that clock, placed on its own.
    expect(clocks.place(10, 1600)).toBe(1600);
    expect(clocks.place(60, 1680)).toBe(1650);
  });
});
