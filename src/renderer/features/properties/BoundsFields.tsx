import { useState } from 'react';
import type { BoundsType, SceneItem, Transform } from '../../../shared';
import { formatNumber } from '../../forms/numbers';
import { useDraft } from '../../forms/useDraft';
import { useActions, useStudio, useUi } from '../../stores/context';
import { ALIGNMENTS } from './alignment';
import { BOUNDS_OPTIONS, BOUNDS_SIZE, checkBoundsSize, initialBox } from './bounds';

interface Props {
  sceneUuid: string;
  item: SceneItem;
}

type Send = (patch: Partial<Transform>) => Promise<{ ok: boolean; message?: string }>;

/**
 * OBS's bounding box in Edit Transform: the type, the box's size (only with a type other than No
 * bounds) and where the picture sits in the box. Edits go out as item.setTransform, like every
 * transform edit, so Undo takes them back.
 */
export function BoundsFields({ sceneUuid, item }: Props) {
  const { call } = useActions();
  const compositor = useUi((s) => s.compositor);
  const video = useStudio((s) => s.document?.video);
  const t = item.transform;
  const type: BoundsType = t.boundsType ?? 'OBS_BOUNDS_NONE';
  const on = type !== 'OBS_BOUNDS_NONE';
  const ref = { sceneUuid, sceneItemId: item.sceneItemId };
  const send: Send = async (patch) => {
    const r = await call('item.setTransform', { ...ref, transform: patch }, { quiet: true });
    return r.ok ? { ok: true } : { ok: false, message: r.error.message };
  };
  const choose = (next: BoundsType) => {
    const patch: Partial<Transform> = { boundsType: next };
    // A first box is the item's drawn size, as OBS fills it in, so the picture does not jump.
    if (next !== 'OBS_BOUNDS_NONE' && (t.boundsWidth === undefined || t.boundsHeight === undefined)) {
      const canvas = { width: video?.baseWidth ?? 1920, height: video?.baseHeight ?? 1080 };
      Object.assign(patch, initialBox(compositor?.itemSize(item.sceneItemId) ?? null, t.scaleX, t.scaleY, canvas));
    }
    void call('item.setTransform', { ...ref, transform: patch });
  };
  const alignment = t.boundsAlignment ?? 0;
  return (
    <>
      <div className="tf-field">
        <label htmlFor="transform-boundsType">Bounding box type</label>
        <select id="transform-boundsType" className="input select" value={type} data-testid="transform-boundsType" onChange={(e) => choose(e.target.value as BoundsType)}>
          {BOUNDS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="tf-field">
        <label htmlFor="transform-boundsAlignment">Alignment in bounding box</label>
        <select
          id="transform-boundsAlignment"
          className="input select"
          value={String(alignment)}
          disabled={!on}
          data-testid="transform-boundsAlignment"
          onChange={(e) => void call('item.setTransform', { ...ref, transform: { boundsAlignment: Number(e.target.value) } })}
        >
          {ALIGNMENTS.some((a) => a.value === alignment) ? null : <option value={String(alignment)}>Custom ({alignment})</option>}
          {ALIGNMENTS.map((a) => (
            <option key={a.value} value={String(a.value)}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <BoundsSize name="boundsWidth" label="Bounds width" value={t.boundsWidth} enabled={on} send={send} />
      <BoundsSize name="boundsHeight" label="Bounds height" value={t.boundsHeight} enabled={on} send={send} />
      <div className="tf-field">
        <span className="field-check">
          <input
            id="transform-cropToBounds"
            type="checkbox"
            checked={t.cropToBounds === true}
            disabled={!on}
            data-testid="transform-cropToBounds"
            onChange={(e) => void call('item.setTransform', { ...ref, transform: { cropToBounds: e.target.checked } })}
          />
          {/* OBS 31's wording; it cuts off what a scale-outer or scale-to-width/height box overflows. */}
          <label htmlFor="transform-cropToBounds">Crop to bounding box</label>
        </span>
      </div>
    </>
  );
}

interface SizeProps {
  name: 'boundsWidth' | 'boundsHeight';
  label: string;
  value: number | undefined;
  enabled: boolean;
  send: Send;
}

/** One size of the box: checked as typed, committed on Enter or leaving; what is wrong shows beside it. */
function BoundsSize({ name, label, value, enabled, send }: SizeProps) {
  const shown = value === undefined ? '' : formatNumber(value);
  const draft = useDraft(shown);
  const [error, setError] = useState<string | null>(null);
  const id = `transform-${name}`;
  const commit = (text: string) => {
    if (text.trim() === shown) return setError(null);
    const checked = checkBoundsSize(text, label);
    if ('error' in checked) return setError(checked.error);
    setError(null);
    void send({ [name]: checked.value }).then((r) => {
      if (r.ok) return;
      setError(r.message ?? `${label} was not accepted.`);
      draft.reset();
    });
  };
  return (
    <div className="tf-field">
      <label htmlFor={id}>{label}</label>
      <div className="tf-input">
        <input
          id={id}
          className="input input-number"
          type="text"
          inputMode="decimal"
          value={enabled ? draft.value : shown}
          disabled={!enabled}
          data-testid={id}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          title={`${BOUNDS_SIZE.min} to ${BOUNDS_SIZE.max} px`}
          onChange={(e) => draft.set(e.target.value)}
          onFocus={draft.bind.onFocus}
          onBlur={(e) => {
            draft.bind.onBlur();
            commit(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(e.currentTarget.value);
            else if (e.key === 'Escape') {
              draft.reset();
              setError(null);
            }
          }}
        />
        <span className="suffix">px</span>
      </div>
      {error && enabled ? (
        <p className="field-error" role="alert" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
