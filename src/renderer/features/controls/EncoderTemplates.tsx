import { useEffect, useState } from 'react';
import { Status } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { ConfirmButton } from '../layout/ConfirmButton';
import { Icon } from '../layout/Icon';
import { nameClash, type TemplateList } from './templateNames';

type Note = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Encoder templates: the built-in ones and the user's, applied in one step, plus "save current
 * settings as…". Each action goes to the engine at once (not through the dialog's Save); the fields
 * above follow the applied values because the dialog rebases its draft on every document change.
 */
export function EncoderTemplates() {
  const { call } = useActions();
  const revision = useStudio((s) => s.document?.revision ?? -1);
  const [list, setList] = useState<TemplateList | null>(null);
  const [applying, setApplying] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [overwrite, setOverwrite] = useState<string | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  // The list lives in the document (user templates), so every revision may have changed it.
  useEffect(() => {
    let current = true;
    void call('template.list', {}, { quiet: true }).then((r) => {
      if (!current) return;
      if (r.ok) setList(r.value);
      else setNote({ kind: 'error', text: r.error.message });
    });
    return () => {
      current = false;
    };
  }, [call, revision]);

  const run = async (action: () => Promise<Note>) => {
    setBusy(true);
    setNote(await action());
    setBusy(false);
  };

  const apply = (template: string) =>
    run(async () => {
      setApplying(null);
      const r = await call('template.apply', { name: template }, { quiet: true });
      return r.ok ? { kind: 'ok', text: `Applied “${template}”.` } : { kind: 'error', text: r.error.message };
    });

  const remove = (template: string) =>
    run(async () => {
      const r = await call('template.remove', { name: template }, { quiet: true });
      return r.ok ? { kind: 'ok', text: `Removed “${template}”.` } : { kind: 'error', text: r.error.message };
    });

  const save = (replace: boolean) =>
    run(async () => {
      const wanted = name.trim();
      if (wanted === '') return { kind: 'error', text: 'Give the template a name.' };
      const clash = list ? nameClash(list, wanted) : null;
      // Ask before replacing one of the user's own; a built-in name is the engine's to refuse.
      if (!replace && clash?.kind === 'user') {
        setOverwrite(clash.name);
        return null;
      }
      setOverwrite(null);
      const r = await call('template.save', replace ? { name: wanted, overwrite: true } : { name: wanted }, { quiet: true });
      if (r.ok) {
        setName('');
        return { kind: 'ok', text: `Saved “${wanted}”.` };
      }
      // Saved meanwhile elsewhere (another window, the remote API): offer the same choice.
      if (r.error.code === Status.ResourceAlreadyExists && clash?.kind !== 'builtIn') setOverwrite(wanted);
      return { kind: 'error', text: r.error.message };
    });

  const row = (template: string, user: boolean) => (
    <li key={`${user ? 'u' : 'b'}:${template}`} className="template-row" data-testid={`template-${template}`}>
      <span className="template-name">{template}</span>
      <span className="template-kind">{user ? 'saved' : 'built-in'}</span>
      {applying === template ? (
        <span className="confirm" role="group" aria-label={`Apply ${template}?`}>
          <span className="template-warning">Changes the encoder settings, and the output size and frame rate when the template has them.</span>
          <button type="button" className="button button-primary button-small" autoFocus data-testid="template-apply-confirm" onClick={() => void apply(template)}>
            Apply
          </button>
          <button type="button" className="button button-small" onClick={() => setApplying(null)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="button button-small" disabled={busy} data-testid={`template-apply-${template}`} onClick={() => setApplying(template)}>
          Apply…
        </button>
      )}
      {user ? (
        <ConfirmButton label={`Remove ${template}?`} title={`Remove template ${template}`} onConfirm={() => void remove(template)}>
          <Icon name="close" />
        </ConfirmButton>
      ) : null}
    </li>
  );

  return (
    <fieldset className="settings-section" data-testid="settings-templates" aria-busy={busy}>
      <legend>Encoder templates</legend>
      {list ? (
        <ul className="template-list">
          {list.builtIn.map((t) => row(t, false))}
          {list.user.map((t) => row(t, true))}
        </ul>
      ) : (
        <p className="field-hint">Loading templates…</p>
      )}
      <div className="field">
        <label className="field-label" htmlFor="template-name">
          Save current settings as
        </label>
        <div className="field-control">
          <input
            id="template-name"
            className="input"
            type="text"
            placeholder="Template name"
            maxLength={256}
            value={name}
            data-testid="template-name"
            onChange={(e) => {
              setName(e.target.value);
              setOverwrite(null);
            }}
            onKeyDown={(e) => {
              // Enter saves the template instead of submitting the whole dialog.
              if (e.key === 'Enter') {
                e.preventDefault();
                if (!busy) void save(false);
              }
            }}
          />
          <button type="button" className="button button-small" disabled={busy} data-testid="template-save" onClick={() => void save(false)}>
            Save template
          </button>
        </div>
        <p className="field-hint">Saves the encoder settings, output size and frame rate as they are saved now (press Save first for changes above).</p>
      </div>
      {overwrite ? (
        <p className="template-overwrite" role="alert" data-testid="template-overwrite">
          A template named “{overwrite}” already exists.{' '}
          <button type="button" className="button button-danger button-small" data-testid="template-overwrite-confirm" onClick={() => void save(true)}>
            Overwrite
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setOverwrite(null)}>
            Cancel
          </button>
        </p>
      ) : null}
      {note ? (
        <p className={note.kind === 'ok' ? 'form-ok' : 'form-error'} role={note.kind === 'ok' ? 'status' : 'alert'} data-testid="template-note">
          {note.text}
        </p>
      ) : null}
    </fieldset>
  );
}
