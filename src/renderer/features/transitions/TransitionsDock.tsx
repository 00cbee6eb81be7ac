import { useEffect, useRef, useState } from 'react';
import { DEFAULT_TRANSITION } from '../../../shared';
import { useDraft } from '../../forms/useDraft';
import { useActions, useStudio } from '../../stores/context';
import { Dock } from '../layout/Dock';
import { DURATION_MS, isFixed, parseDuration } from './duration';
import { TransitionPropertiesDialog } from './TransitionPropertiesDialog';
import './transitions.css';

/**
 * OBS's Scene Transitions dock: the current transition's kind, its duration (OBS's range, the error
 * beside the field) and its properties. Studio mode's Take stays in the Scenes dock, by the scenes
 * it swaps (OBS puts it between preview and program, not in this dock).
 */
export function TransitionsDock() {
  const { call } = useActions();
  const connected = useStudio((s) => s.connected);
  const hasDoc = useStudio((s) => s.document !== null);
  const transition = useStudio((s) => s.document?.transition ?? DEFAULT_TRANSITION);
  const kinds = useStudio((s) => s.kinds).filter((k) => k.category === 'transition');
  const kind = kinds.find((k) => k.id === transition.kind) ?? null;
  const [editing, setEditing] = useState(false);
  const [kindError, setKindError] = useState<string | null>(null);
  const fixed = isFixed(transition.kind);
  const ready = connected && hasDoc;
  return (
    <Dock
      title="Scene Transitions"
      className="dock-transitions"
      actions={
        <button
          type="button"
          className="button button-small"
          title={kind && kind.properties.length > 0 ? `${kind.displayName} properties` : 'This transition has no properties'}
          data-testid="transition-properties"
          disabled={!ready || !kind || kind.properties.length === 0}
          onClick={() => setEditing(true)}
        >
          Properties
        </button>
      }
    >
      <div className="transitions">
        <div className="field">
          <label className="field-label" htmlFor="transition-kind">
            Transition
          </label>
          <div className="field-control">
            <select
              id="transition-kind"
              className="input select"
              data-testid="transition-kind"
              disabled={!ready}
              value={transition.kind}
              onChange={(e) => {
                setKindError(null);
                void call('transition.set', { kind: e.target.value }, { quiet: true }).then((r) => setKindError(r.ok ? null : r.error.message));
              }}
            >
              {kind ? null : <option value={transition.kind}>{transition.kind}</option>}
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.displayName}
                </option>
              ))}
            </select>
          </div>
          {kindError ? (
            <p className="field-error" role="alert" data-testid="transition-kind-error">
              {kindError}
            </p>
          ) : null}
        </div>
        <DurationField durationMs={transition.durationMs} disabled={!ready || fixed} />
      </div>
      {editing && kind ? <TransitionPropertiesDialog key={kind.id} kind={kind} transition={transition} onClose={() => setEditing(false)} /> : null}
    </Dock>
  );
}

/**
 * The duration in ms, sent when the edit is committed (Enter, leaving the field, a spinner click:
 * the DOM change event), never per keystroke; a value out of range stays in the field with the
 * error beside it until it is fixed.
 */
function DurationField({ durationMs, disabled }: { durationMs: number; disabled: boolean }) {
  const { call } = useActions();
  const draft = useDraft(String(durationMs));
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(durationMs);
  // A new engine value (this field's edit, or another client's) settles any error shown.
  if (seen !== durationMs) {
    setSeen(durationMs);
    setError(null);
  }
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(durationMs);
  useEffect(() => {
    latest.current = durationMs;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const commit = () => {
      const r = parseDuration(el.value);
      if (!r.ok) return setError(r.error);
      setError(null);
      if (r.ms === latest.current) return;
      void call('transition.set', { durationMs: r.ms }, { quiet: true }).then((res) => {
        if (!res.ok) setError(res.error.message);
      });
    };
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, [call]);
  return (
    <div className="field">
      <label className="field-label" htmlFor="transition-duration">
        Duration (ms)
      </label>
      <div className="field-control">
        <input
          ref={ref}
          id="transition-duration"
          className="input input-number"
          type="number"
          min={DURATION_MS.min}
          max={DURATION_MS.max}
          step={DURATION_MS.step}
          data-testid="transition-duration"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'transition-duration-error' : undefined}
          title={disabled ? 'A cut has no duration' : undefined}
          disabled={disabled}
          value={draft.value}
          onChange={(e) => draft.set(e.target.value)}
          {...draft.bind}
        />
      </div>
      {error ? (
        <p className="field-error" role="alert" id="transition-duration-error" data-testid="transition-duration-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
