import { describe, expect, it } from 'vitest';
import { Status, WEBHOOK_EVENTS } from '../../../shared';
import { addArgs, blankWebhook, draftProblem, shownUrl, testOutcome, toggleEvent } from './webhookForm';

describe('webhook form', () => {
  it('starts with every event and keeps the model order when toggling', () => {
    expect(blankWebhook().events).toEqual([...WEBHOOK_EVENTS]);
    expect(toggleEvent(['recording.saved'], 'stream.started', true)).toEqual(['stream.started', 'recording.saved']);
    expect(toggleEvent(['stream.started', 'recording.saved'], 'stream.started', false)).toEqual(['recording.saved']);
  });

  it('checks the URL, the events and a chosen secret before asking the engine', () => {
    const ok = { ...blankWebhook(), url: 'https://hooks.example.com/x' };
    expect(draftProblem(ok)).toBeNull();
    expect(draftProblem({ ...ok, url: '' })).toMatch(/Enter the URL/);
    expect(draftProblem({ ...ok, url: 'ftp://x/y' })).toMatch(/http/);
    expect(draftProblem({ ...ok, url: 'hooks.example.com' })).toMatch(/http/);
    expect(draftProblem({ ...ok, events: [] })).toMatch(/at least one event/);
    expect(draftProblem({ ...ok, secret: 'short' })).toMatch(/at least 16/);
    expect(draftProblem({ ...ok, secret: 'x'.repeat(16) })).toBeNull();
  });

  it('sends only what was given: no name or secret means the engine picks them', () => {
    expect(addArgs({ url: ' https://h/x ', name: ' ', events: ['stream.started'], secret: '' })).toEqual({ url: 'https://h/x', events: ['stream.started'] });
    expect(addArgs({ url: 'https://h/x', name: 'Bot', events: ['stream.started'], secret: 's'.repeat(20) })).toEqual({
      url: 'https://h/x',
      name: 'Bot',
      events: ['stream.started'],
      secret: 's'.repeat(20),
    });
  });

  it('shows a URL without its query or credentials', () => {
    expect(shownUrl('https://user:pw@hooks.example.com:8443/a/b?token=abc')).toBe('https://hooks.example.com:8443/a/b?…');
    expect(shownUrl('http://127.0.0.1:9000/hook')).toBe('http://127.0.0.1:9000/hook');
  });

  it('words a test answer: 2xx passes, 401/403 hint at the secret, failures say why', () => {
    expect(testOutcome({ ok: true, value: { status: 204 } })).toEqual({ ok: true, text: 'The receiver answered 204 No Content.' });
    expect(testOutcome({ ok: true, value: { status: 401 } }).text).toMatch(/secret/);
    expect(testOutcome({ ok: true, value: { status: 599 } })).toEqual({ ok: false, text: 'The receiver answered 599.' });
    expect(testOutcome({ ok: false, error: { code: Status.DestinationUnreachable, message: 'Webhook "X" could not be reached: the connection was refused.' } })).toEqual({
      ok: false,
      text: 'Webhook "X" could not be reached: the connection was refused.',
    });
  });
});
