import { describe, expect, it } from 'vitest';
import { Fields } from './fields';
import { RequestError } from './status';

/** The status a check stops with, or null when it passes. */
function stop(check: () => unknown): { code: number; comment?: string } | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    return { code: error.code, ...(error.comment !== undefined && { comment: error.comment }) };
  }
}

describe('Fields checks requestData the way obs-websocket does', () => {
  it('reports missing requestData (301) before a missing field (300)', () => {
    expect(stop(() => new Fields(undefined).string('sceneName'))).toEqual({
      code: 301,
      comment: 'Your request data is missing or invalid (non-object)',
    });
    expect(stop(() => new Fields([]).string('sceneName'))?.code).toBe(301);
    expect(stop(() => new Fields({}).string('sceneName'))).toEqual({
      code: 300,
      comment: 'Your request is missing the `sceneName` field.',
    });
  });

  it('treats null as absent, like msgpack nil', () => {
    const f = new Fields({ a: null });
    expect(f.has('a')).toBe(false);
    expect(f.optString('a')).toBeUndefined();
    expect(stop(() => f.number('a'))?.code).toBe(300);
  });

  it('answers wrong types with 401 and OBS wording', () => {
    const f = new Fields({ n: '3', s: 3, b: 'yes', o: [1] });
    expect(stop(() => f.number('n'))).toEqual({ code: 401, comment: 'The field value of `n` must be a number.' });
    expect(stop(() => f.string('s'))).toEqual({ code: 401, comment: 'The field value of `s` must be a string.' });
    expect(stop(() => f.boolean('b'))).toEqual({ code: 401, comment: 'The field value of `b` must be boolean.' });
    expect(stop(() => f.object('o'))).toEqual({ code: 401, comment: 'The field value of `o` must be an object.' });
    expect(stop(() => f.optNumber('n'))?.code).toBe(401);
  });

  it('checks ranges inclusively with 402 and prints limits as OBS does', () => {
    const f = new Fields({ low: 7, high: 4097, edge: 8 });
    expect(stop(() => f.number('low', 8, 4096))).toEqual({
      code: 402,
      comment: 'The field value of `low` is below the minimum of `8.000000`',
    });
    expect(stop(() => f.number('high', 8, 4096))?.comment).toBe('The field value of `high` is above the maximum of `4096.000000`');
    expect(f.number('edge', 8, 4096)).toBe(8);
  });

  it('refuses empty strings and objects with 403 unless allowed', () => {
    const f = new Fields({ s: '', o: {} });
    expect(stop(() => f.string('s'))).toEqual({ code: 403, comment: 'The field value of `s` must not be empty.' });
    expect(f.string('s', true)).toBe('');
    expect(stop(() => f.object('o'))?.code).toBe(403);
    expect(f.object('o', true)).toEqual({});
  });

  it('tryString never fails and accepts only usable strings', () => {
    const f = new Fields({ a: 'x', b: '', c: 5 });
    expect(f.tryString('a')).toBe('x');
    expect(f.tryString('b')).toBeNull();
    expect(f.tryString('c')).toBeNull();
    expect(f.tryString('d')).toBeNull();
  });
});
