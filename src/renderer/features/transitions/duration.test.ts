import { describe, expect, it } from 'vitest';
import { isFixed, parseDuration } from './duration';

describe('transition duration field', () => {
  it('takes whole milliseconds within OBS range', () => {
    expect(parseDuration('50')).toEqual({ ok: true, ms: 50 });
    expect(parseDuration(' 700 ')).toEqual({ ok: true, ms: 700 });
    expect(parseDuration('20000')).toEqual({ ok: true, ms: 20000 });
  });

  it('names the range for anything else', () => {
    for (const bad of ['', '49', '20001', '12.5', 'abc', '-300', 'Infinity']) {
      const r = parseDuration(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBe('Duration must be a whole number of milliseconds from 50 to 20000.');
    }
  });

  it('a cut has no duration', () => {
    expect(isFixed('cut_transition')).toBe(true);
    expect(isFixed('fade_transition')).toBe(false);
  });
});
