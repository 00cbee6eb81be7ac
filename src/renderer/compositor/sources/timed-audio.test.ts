import { describe, expect, it } from 'vitest';
import { CAPTURE_DELAY_MAX_MS, CAPTURE_DELAY_MS, CaptureDelay } from './capture-delay';
import { TimedSchedule } from './timed-audio';

const RATE = 48_000;
const CHUNK = 480 / RATE;

describe('a microphone chunk placed by its capture stamp', () => {
  it('plays chunks that follow each other back to back, on whole sample frames', () => {
    const s = new TimedSchedule();
    const first = s.place(1.0000042, 0.5, CHUNK, RATE);
    expect(first).toEqual({ at: Math.round(1.0000042 * RATE) / RATE });
    // The next stamp is a fraction of a sample off (clock mapping jitter): still back to back.
    const second = s.place(1.0100051, 0.51, CHUNK, RATE);
    expect(second).toEqual({ at: (first as { at: number }).at + CHUNK });
  });

  it('starts again at its own place when the device lost time (its stamps jump)', () => {
    const s = new TimedSchedule();
    s.place(1, 0.5, CHUNK, RATE);
    // The device skipped 120 ms: the sound keeps its place against the picture, with a gap.
    expect(s.place(1.13, 0.52, CHUNK, RATE)).toEqual({ at: 1.13 });
  });

  it('says how late a chunk is when its place has gone by', () => {
    const s = new TimedSchedule();
    const r = s.place(1, 1.05, CHUNK, RATE);
    expect('late' in r && r.late).toBeCloseTo(0.06, 6);
  });
});

describe("a device's capture delay", () => {
  it('rises to fit a late chunk, with headroom, up to its most', () => {
    const d = new CaptureDelay(0);
    expect(d.at(0)).toBe(CAPTURE_DELAY_MS);
    d.late(CAPTURE_DELAY_MS + 35, 100);
    expect(d.at(100)).toBe(CAPTURE_DELAY_MS + 55);
    d.late(10_000, 200);
    expect(d.at(200)).toBe(CAPTURE_DELAY_MAX_MS);
  });

  it('comes back down a step after each calm 30 s, never below its start', () => {
    const d = new CaptureDelay(0);
    d.late(CAPTURE_DELAY_MS + 20, 0);
    const raised = d.at(0);
    expect(d.at(29_000)).toBe(raised);
    expect(d.at(30_500)).toBe(raised - 20);
    expect(d.at(61_000)).toBe(CAPTURE_DELAY_MS);
    expect(d.at(200_000)).toBe(CAPTURE_DELAY_MS);
  });
});
