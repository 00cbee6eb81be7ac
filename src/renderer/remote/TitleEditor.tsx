import { useId, useState } from 'react';
import { useActions, useConnected, useRemote } from './context';
import type { TitleInput } from './store';

/**
 * One text source's text. Edits stay local until Save (or Ctrl/Cmd+Enter); until then the field
 * follows the studio, so a change made elsewhere shows up here.
 */
export function TitleEditor({ title }: { title: TitleInput }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`text:${title.name}`]));
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const dirty = draft !== null && draft !== title.text;

  const save = async (): Promise<void> => {
    if (draft === null || !dirty) return;
    if (await actions.saveText(title.name, draft)) setDraft(null);
  };

  return (
    <div className={dirty ? 'title is-dirty' : 'title'}>
      <label className="field-label" htmlFor={id}>
        {title.name}
      </label>
      <textarea
        id={id}
        className="input title-text"
        data-testid={`remote-text-${title.name}`}
        rows={2}
        maxLength={10000}
        value={draft ?? title.text}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          data-testid={`remote-text-save-${title.name}`}
          disabled={!connected || busy || !dirty}
          onClick={() => void save()}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" disabled={!dirty || busy} onClick={() => setDraft(null)}>
          Revert
        </button>
      </div>
    </div>
  );
}
