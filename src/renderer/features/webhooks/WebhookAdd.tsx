import { useState, type KeyboardEvent } from 'react';
import { useActions } from '../../stores/context';
import { Icon } from '../layout/Icon';
import { EventChecks } from './EventChecks';
import { SecretOnce } from './SecretOnce';
import { addArgs, blankWebhook, draftProblem, type WebhookDraft } from './webhookForm';

/**
 * Adds a webhook at once (it is not part of Settings' Save). With no secret typed, the engine makes
 * one and returns it this one time: it is shown here until the user is done with it.
 */
export function WebhookAdd() {
  const { call } = useActions();
  const [draft, setDraft] = useState<WebhookDraft>(blankWebhook);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState<{ name: string; secret: string } | null>(null);
  const set = (patch: Partial<WebhookDraft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };

  const add = async (): Promise<void> => {
    const problem = draftProblem(draft);
    if (problem) return setError(problem);
    setBusy(true);
    const r = await call('webhook.upsert', addArgs(draft), { quiet: true });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDraft(blankWebhook());
    setGenerated(r.value.secret === null ? null : { name: draft.name.trim() || new URL(draft.url.trim()).hostname, secret: r.value.secret });
  };
  // These fields sit inside the settings form: Enter adds the webhook instead of saving the settings.
  const onEnter = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!busy) void add();
  };

  return (
    <div data-testid="webhook-add">
      {generated ? <SecretOnce name={generated.name} secret={generated.secret} onDone={() => setGenerated(null)} /> : null}
      <div className="field">
        <label className="field-label" htmlFor="webhook-new-url">
          URL
        </label>
        <div className="field-control">
          <input id="webhook-new-url" className="input" type="url" spellCheck={false} placeholder="https://hooks.example.com/studio" value={draft.url} data-testid="webhook-new-url" onChange={(e) => set({ url: e.target.value })} onKeyDown={onEnter} />
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="webhook-new-name">
          Name
        </label>
        <div className="field-control">
          <input id="webhook-new-name" className="input" type="text" placeholder="the URL's host" value={draft.name} data-testid="webhook-new-name" onChange={(e) => set({ name: e.target.value })} onKeyDown={onEnter} />
        </div>
      </div>
      <div className="field">
        <span className="field-label">Events</span>
        <EventChecks id="webhook-new-event" events={draft.events} onChange={(events) => set({ events })} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="webhook-new-secret">
          Secret
        </label>
        <div className="field-control">
          <input
            id="webhook-new-secret"
            className="input"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder="generated when empty"
            value={draft.secret}
            data-testid="webhook-new-secret"
            onChange={(e) => set({ secret: e.target.value })}
            onKeyDown={onEnter}
          />
        </div>
        <p className="field-hint">Optional. Leave empty and the studio generates one, shown once.</p>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="webhook-add-error">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" data-testid="webhook-add-button" disabled={busy} onClick={() => void add()}>
        <Icon name="plus" /> Add webhook
      </button>
    </div>
  );
}
