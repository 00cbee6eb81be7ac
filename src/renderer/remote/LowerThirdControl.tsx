import { useState } from 'react';
import { lowerThirdQueue } from '../../shared';
import { useActions, useConnected, useRemote } from './context';
import type { GraphicInput } from './store';

const FIELDS = ['name', 'title', 'subtitle'] as const;
type Field = (typeof FIELDS)[number];

/**
 * A lower third: its three fields (edited locally until Save, following the studio until then),
 * show and hide, and stepping through its queued entries.
 */
export function LowerThirdControl({ g }: { g: GraphicInput }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`graphic:${g.name}`]));
  const [draft, setDraft] = useState<Partial<Record<Field, string>>>({});
  const value = (f: Field): string => draft[f] ?? (typeof g.settings[f] === 'string' ? (g.settings[f] as string) : '');
  const dirty = FIELDS.some((f) => draft[f] !== undefined && draft[f] !== g.settings[f]);
  const visible = g.settings['visible'] === true;
  const queue = lowerThirdQueue(g.settings);
  const index = typeof g.settings['queue_index'] === 'number' ? (g.settings['queue_index'] as number) : -1;
  const off = !connected || busy;
  const id = `lt-${g.uuid || g.name}`;

  const save = async (): Promise<void> => {
    if (!dirty) return;
    const changes = Object.fromEntries(FIELDS.filter((f) => draft[f] !== undefined).map((f) => [f, draft[f]]));
    // Saving the fields shows them rather than a queued entry.
    if (await actions.setGraphic(g.name, { ...changes, queue_index: -1 })) setDraft({});
  };

  // The queue is a settings list like any other: the whole list is sent, as SetInputSettings would.
  const enqueue = async (): Promise<void> => {
    const entry = { name: value('name'), title: value('title'), subtitle: value('subtitle') };
    if (await actions.setGraphic(g.name, { queue: [...queue, entry] })) setDraft({});
  };
  const dequeue = async (i: number): Promise<void> => {
    const rest = queue.filter((_, k) => k !== i);
    // The shown entry keeps showing: indexes after the removed one move down by one.
    const next = index === i ? -1 : index > i ? index - 1 : index;
    await actions.setGraphic(g.name, { queue: rest, queue_index: next });
  };

  return (
    <div className={dirty ? 'graphic title is-dirty' : 'graphic title'} data-testid={`remote-lt-${g.name}`}>
      <div className="graphic-head">
        <span className="field-label">{g.name}</span>
        <span className={visible ? 'graphic-state is-on' : 'graphic-state'} data-testid={`remote-lt-state-${g.name}`}>
          {visible ? 'Shown' : 'Hidden'}
        </span>
      </div>
      {FIELDS.map((f) => (
        <input
          key={f}
          id={`${id}-${f}`}
          className="input title-text"
          aria-label={`${g.name} ${f}`}
          placeholder={f}
          data-testid={`remote-lt-${f}-${g.name}`}
          maxLength={200}
          value={value(f)}
          onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
        />
      ))}
      <div className="button-row">
        <button type="button" className="button" data-testid={`remote-lt-save-${g.name}`} disabled={off || !dirty} onClick={() => void save()}>
          Save
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid={`remote-lt-show-${g.name}`}
          disabled={off || visible}
          onClick={() => void actions.graphicRequest(g.name, 'ShowLowerThird')}
        >
          Show
        </button>
        <button
          type="button"
          className="button"
          data-testid={`remote-lt-hide-${g.name}`}
          disabled={off || !visible}
          onClick={() => void actions.graphicRequest(g.name, 'HideLowerThird')}
        >
          Hide
        </button>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid={`remote-lt-enqueue-${g.name}`}
          disabled={off || !value('name')}
          onClick={() => void enqueue()}
        >
          Add to queue
        </button>
      </div>
      {queue.length > 0 ? (
        <>
          <ol className="graphic-queue">
            {queue.map((e, i) => (
              <li key={i} className={i === index ? 'is-current' : undefined}>
                {/* Cues this entry: it shows at once if the lower third is on, or at the next Show. */}
                <button
                  type="button"
                  className="graphic-cue"
                  data-testid={`remote-lt-cue-${g.name}-${i}`}
                  disabled={off || i === index}
                  onClick={() => void actions.setGraphic(g.name, { queue_index: i })}
                >
                  {e.name}
                  {e.title ? ` — ${e.title}` : ''}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove ${e.name} from the queue`}
                  data-testid={`remote-lt-dequeue-${g.name}-${i}`}
                  disabled={off}
                  onClick={() => void dequeue(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button
              type="button"
              className="button"
              data-testid={`remote-lt-prev-${g.name}`}
              disabled={off || index <= 0}
              onClick={() => void actions.graphicRequest(g.name, 'StepLowerThird', { step: -1 })}
            >
              Previous
            </button>
            <button
              type="button"
              className="button"
              data-testid={`remote-lt-next-${g.name}`}
              disabled={off || index >= queue.length - 1}
              onClick={() => void actions.graphicRequest(g.name, 'StepLowerThird', { step: 1 })}
            >
              Next
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
