import type { StudioDocument } from '../../../shared';
import { WebhookAdd } from './WebhookAdd';
import { WebhookRow } from './WebhookRow';
import './webhooks.css';

/**
 * Webhooks: HTTP endpoints told about the show as it happens (stream started or stopped, a
 * destination live, reconnecting or failed, a recording saved), each delivery signed with the
 * webhook's secret. Everything here applies at once; Settings' Save is not needed.
 */
export function WebhooksSettings({ doc }: { doc: StudioDocument }) {
  return (
    <fieldset className="settings-section" data-testid="settings-webhooks">
      <legend>Webhooks</legend>
      <p className="field-hint">A signed JSON POST for each chosen event. Changes here apply at once.</p>
      {doc.webhooks.map((hook) => (
        <WebhookRow key={hook.id} hook={hook} />
      ))}
      <WebhookAdd />
    </fieldset>
  );
}
