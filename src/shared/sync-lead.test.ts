import { describe, expect, it } from 'vitest';
import { syncLeadMs } from './sync-lead';

describe('syncLeadMs', () => {
  it('is how far the most negative offset reaches, 0 without one, capped at OBS\'s −950 ms', () => {
    expect(syncLeadMs([])).toBe(0);
    expect(syncLeadMs([{ syncOffsetMs: 0 }, { syncOffsetMs: 300 }, {}])).toBe(0);
    expect(syncLeadMs([{ syncOffsetMs: -200 }, { syncOffsetMs: -50 }, { syncOffsetMs: 400 }])).toBe(200);
    expect(syncLeadMs([{ syncOffsetMs: -5000 }])).toBe(950);
  });
});
