import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './messages';

describe('parseClientMessage', () => {
  it('accepts calls and stats', () => {
    expect(parseClientMessage('{"t":"call","id":3,"type":"scene.create","args":{"name":"A"}}')).toEqual({
      ok: true,
      message: { t: 'call', id: 3, type: 'scene.create', args: { name: 'A' } },
    });
    const stats = { renderLagged: 1, renderMs: 2.5, sendSkipped: 0, glRenderer: 'SwiftShader' };
    expect(parseClientMessage(JSON.stringify({ t: 'stats', stats }))).toEqual({ ok: true, message: { t: 'stats', stats } });
  });

  it('keeps the id of a call it refuses, so the caller gets an answer', () => {
    expect(parseClientMessage('{"t":"call","id":4,"type":7}')).toMatchObject({ ok: false, id: 4 });
  });

  it.each(['', 'nope', '[]', 'null', '{"t":"x"}', '{"t":"call","id":"1","type":"a"}', '{"t":"call","id":1.5,"type":"a"}', '{"t":"stats","stats":{"renderMs":-1}}'])(
    'refuses %j without an id to answer',
    (text) => {
      const parsed = parseClientMessage(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.id).toBeUndefined();
    },
  );
});
