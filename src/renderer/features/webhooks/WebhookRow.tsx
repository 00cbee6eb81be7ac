import { useState } from 'react';
import type { CommandArgs, Webhook } from '../../../shared';
import { useActions } from '../../stores/context';
import { ConfirmButton } from '../layout/ConfirmButton';
import { Icon } from '../layout/Icon';
import { EventChecks } from './EventChecks';
import { shownUrl, testOutcome, type TestOutcome } from './webhookForm';

type Test = { kind: 'sending' } | ({ kind: 'done' } & TestOutcome) | null;

/**
 * One saved webhook. Changes apply at once (no Save): the engine answers, and the row shows the
 * document as the engine now has it. "Send test" shows how the receiver answered.
 */
export function WebhookRow({ hook }: { hook: Webhook }) {
  const { call } = useActions();
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<Test>(null);
  const id = `webhook-${hook.id}`;

  const update = async (patch: Omit<CommandArgs<'webhook.upsert'>, 'id'>): Promise<void> => {
    const r = await call('webhook.upsert', { id: hook.id, ...patch }, { quiet: true });
    setError(r.ok ? null : r.error.message);
  };
  const remove = async (): Promise<void> => {
    const r = await call('webhook.remove', { id: hook.id }, { quiet: true });
    if (!r.ok) setError(r.error.message);
  };
  const sendTest = async (): Promise<void> => {
    setTest({ kind: 'sending' });
    const r = await call('webhook.test', { id: hook.id }, { quiet: true });
    setTest({ kind: 'done', ...testOutcome(r) });
  };

  return (
    <fieldset className="settings-section" data-testid={`webhook-row-${hook.name}`} aria-label={`Webhook ${hook.name}`}>
      <legend>{hook.name}</legend>
      <div className="field">
        <span className="field-label">URL</span>
        <div className="field-control">
          <span className="webhook-url" title={shownUrl(hook.url)} data-testid={`${id}-url`}>
            {shownUrl(hook.url)}
          </span>
          <ConfirmButton label={`Remove ${hook.name}?`} title={`Remove webhook ${hook.name}`} onConfirm={() => void remove()}>
            <Icon name="close" />
          </ConfirmButton>
        </div>
      </div>
      <div className="field">
        <span className="field-label">Deliveries</span>
        <div className="field-control">
          <span className="field-check">
            <input id={`${id}-enabled`} type="checkbox" checked={hook.enabled} data-testid={`${id}-enabled`} onChange={(e) => void update({ enabled: e.target.checked })} />
            <label htmlFor={`${id}-enabled`}>Enabled</label>
          </span>
        </div>
      </div>
      <div className="field">
        <span className="field-label">Events</span>
        <EventChecks id={`${id}-event`} events={hook.events} onChange={(events) => void update({ events })} />
      </div>
      <div className="field">
        <span className="field-label">Test</span>
        <div className="field-control">
          <button type="button" className="button button-small" data-testid={`${id}-test`} disabled={test?.kind === 'sending'} onClick={() => void sendTest()}>
            Send test
          </button>
          {test?.kind === 'sending' ? <span className="suffix">Sending…</span> : null}
        </div>
        {test?.kind === 'done' ? (
          <p className={test.ok ? 'field-hint' : 'field-error'} role="status" data-testid={`${id}-test-result`}>
            {test.text}
          </p>
        ) : (
          <p className="field-hint">{hook.hasSecret ? 'Deliveries are signed with this webhook’s secret.' : 'No secret is stored: deliveries cannot be signed.'}</p>
        )}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
