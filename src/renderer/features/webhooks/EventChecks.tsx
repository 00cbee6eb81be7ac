import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared';
import { EVENT_LABELS, toggleEvent } from './webhookForm';

interface Props {
  /** Prefix for the checkboxes' ids, unique on the page. */
  id: string;
  events: readonly WebhookEvent[];
  onChange(events: WebhookEvent[]): void;
  disabled?: boolean;
}

/** One checkbox per event. The last one left cannot be cleared: a webhook listens to something. */
export function EventChecks({ id, events, onChange, disabled = false }: Props) {
  return (
    <div className="webhook-events" role="group" aria-label="Events">
      {WEBHOOK_EVENTS.map((event) => {
        const on = events.includes(event);
        return (
          <span key={event} className="webhook-event">
            <input
              id={`${id}-${event}`}
              type="checkbox"
              checked={on}
              disabled={disabled || (on && events.length === 1)}
              data-testid={`${id}-${event}`}
              onChange={(e) => onChange(toggleEvent(events, event, e.target.checked))}
            />
            <label htmlFor={`${id}-${event}`} title={event}>
              {EVENT_LABELS[event]}
            </label>
          </span>
        );
      })}
    </div>
  );
}
