import { useState } from 'react';
import { create } from 'zustand';
import { OVERRIDE_DURATION_MS, type Scene } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { Modal } from '../layout/Modal';
import { DURATION_MS, parseDuration } from '../transitions/duration';

/** Which scene's override the dialog edits (opened from the scene's context menu), or none. */
const useOverrideFor = create<{ sceneUuid: string | null }>(() => ({ sceneUuid: null }));

export const openTransitionOverride = (sceneUuid: string): void => useOverrideFor.setState({ sceneUuid });
const close = (): void => useOverrideFor.setState({ sceneUuid: null });

/**
 * OBS's per-scene "Transition Override": the transition (or none) and duration program uses when it
 * switches to this scene. Mounted once by the Scenes dock; shown while a scene is chosen.
 */
export function TransitionOverrideDialog() {
  const sceneUuid = useOverrideFor((s) => s.sceneUuid);
  const scene = useStudio((s) => s.document?.scenes.find((x) => x.uuid === sceneUuid));
  if (!sceneUuid || !scene) return null;
  return <OverrideForm key={scene.uuid} scene={scene} />;
}

function OverrideForm({ scene }: { scene: Scene }) {
  const { call } = useActions();
  const kinds = useStudio((s) => s.kinds).filter((k) => k.category === 'transition');
  const [kind, setKind] = useState(scene.transitionOverride?.kind ?? '');
  const [duration, setDuration] = useState(String(scene.transitionOverride?.durationMs ?? OVERRIDE_DURATION_MS));
  const [error, setError] = useState<string | null>(null);
  const save = async (): Promise<void> => {
    const parsed = parseDuration(duration);
    if (kind && !parsed.ok) {
      setError(parsed.error);
      return;
    }
    const ms = parsed.ok ? parsed.ms : null;
    const r = await call('scene.setTransitionOverride', { sceneUuid: scene.uuid, kind: kind || null, durationMs: kind ? ms : null }, { quiet: true });
    if (r.ok) close();
    else setError(r.error.message);
  };
  return (
    <Modal
      title={`Transition override: ${scene.name}`}
      onClose={close}
      footer={
        <>
          <button type="button" className="button" data-testid="override-cancel" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="override-form" className="button button-primary" data-testid="override-save">
            Save
          </button>
        </>
      }
    >
      <form
        id="override-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="hint">Used when program switches to this scene, instead of the current transition.</p>
        <div className="field">
          <label className="field-label" htmlFor="override-kind">
            Transition
          </label>
          <div className="field-control">
            <select id="override-kind" className="input" data-testid="override-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">None (the current transition)</option>
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.displayName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="override-duration">
            Duration (ms)
          </label>
          <div className="field-control">
            <input
              id="override-duration"
              className="input"
              type="number"
              min={DURATION_MS.min}
              max={DURATION_MS.max}
              step={DURATION_MS.step}
              data-testid="override-duration"
              disabled={!kind}
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
            />
          </div>
        </div>
        {error ? (
          <p className="field-error" role="alert" data-testid="override-error">
            {error}
          </p>
        ) : null}
      </form>
    </Modal>
  );
}
