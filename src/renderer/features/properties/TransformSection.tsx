import { DEFAULT_TRANSFORM, type SceneItem, type Transform } from '../../../shared';
import { useActions, useUi } from '../../stores/context';
import { ALIGNMENTS } from './alignment';
import { BoundsFields } from './BoundsFields';
import { TransformField } from './TransformField';

interface Props {
  sceneUuid: string;
  item: SceneItem;
}

const CROP = { min: 0, max: 16384, integer: true };
const SCALE = { min: -100, max: 100 };

/** Position, rotation, scale, crop, alignment and bounding box of the selected scene item. */
export function TransformSection({ sceneUuid, item }: Props) {
  const { call } = useActions();
  const drag = useUi((s) => s.drag);
  const ref = { sceneUuid, sceneItemId: item.sceneItemId };
  const dragging = drag?.sceneUuid === sceneUuid && drag.sceneItemId === item.sceneItemId ? drag : null;
  const t = item.transform;
  const commit = (name: keyof Transform, value: number) => call('item.setTransform', { ...ref, transform: { [name]: value } });
  return (
    <section className="panel-section" aria-labelledby="transform-title">
      <header className="section-header">
        <h3 id="transform-title">Transform</h3>
        <button type="button" className="button button-small" onClick={() => void call('item.setTransform', { ...ref, transform: { ...DEFAULT_TRANSFORM, boundsType: 'OBS_BOUNDS_NONE' } })}>
          Reset transform
        </button>
      </header>
      <div className="tf-grid">
        <TransformField name="positionX" label="X" suffix="px" value={dragging?.positionX ?? t.positionX} onCommit={commit} />
        <TransformField name="positionY" label="Y" suffix="px" value={dragging?.positionY ?? t.positionY} onCommit={commit} />
        <TransformField name="scaleX" label="Scale X" step={0.01} rule={SCALE} value={dragging?.scaleX ?? t.scaleX} onCommit={commit} />
        <TransformField name="scaleY" label="Scale Y" step={0.01} rule={SCALE} value={dragging?.scaleY ?? t.scaleY} onCommit={commit} />
        <TransformField name="rotation" label="Rotation" suffix="°" value={dragging?.rotation ?? t.rotation} onCommit={commit} />
        <div className="tf-field">
          <label htmlFor="transform-alignment">Alignment</label>
          <select
            id="transform-alignment"
            className="input select"
            value={String(t.alignment)}
            data-testid="transform-alignment"
            onChange={(e) => void call('item.setTransform', { ...ref, transform: { alignment: Number(e.target.value) } })}
          >
            {ALIGNMENTS.some((a) => a.value === t.alignment) ? null : <option value={String(t.alignment)}>Custom ({t.alignment})</option>}
            {ALIGNMENTS.map((a) => (
              <option key={a.value} value={String(a.value)}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <TransformField name="cropLeft" label="Crop left" suffix="px" step={1} rule={CROP} value={dragging?.cropLeft ?? t.cropLeft} onCommit={commit} />
        <TransformField name="cropRight" label="Crop right" suffix="px" step={1} rule={CROP} value={dragging?.cropRight ?? t.cropRight} onCommit={commit} />
        <TransformField name="cropTop" label="Crop top" suffix="px" step={1} rule={CROP} value={dragging?.cropTop ?? t.cropTop} onCommit={commit} />
        <TransformField name="cropBottom" label="Crop bottom" suffix="px" step={1} rule={CROP} value={dragging?.cropBottom ?? t.cropBottom} onCommit={commit} />
        <BoundsFields sceneUuid={sceneUuid} item={item} />
      </div>
    </section>
  );
}
