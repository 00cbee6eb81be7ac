import { VIDEO_LIMITS } from '../../../shared';
import { SettingsRow, type SectionProps } from './SettingsFields';
import { CUSTOM, FPS_CHOICES, RESOLUTIONS, SAME, type SettingsDraft } from './settingsForm';

const L = VIDEO_LIMITS;

/** "1920 × 1080 (16:9)": the size and its shape, so vertical and ultrawide sizes read as such. */
function sizeLabel(size: string): string {
  const [w = 0, h = 0] = size.split('x').map(Number);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(w, h) || 1;
  let ratio = `${w / g}:${h / g}`;
  if (ratio === '64:27' || ratio === '43:18') ratio = '21:9';
  return `${w} × ${h} (${ratio})`;
}

interface SizeProps extends SectionProps {
  /** Test ids and ids start with this: settings-resolution / settings-out-resolution. */
  prefix: 'settings' | 'settings-out';
  label: string;
  choice: 'resolution' | 'outResolution';
  width: 'width' | 'outWidth';
  height: 'height' | 'outHeight';
  /** The output may follow the base size. */
  same?: boolean;
  hint: string;
}

function SizeFields({ draft, set, errors, prefix, label, choice, width, height, same, hint }: SizeProps) {
  const error = errors.find((e) => e.field === width) ?? errors.find((e) => e.field === height);
  return (
    <>
      <SettingsRow id={`${prefix}-resolution`} label={label} hint={draft[choice] === CUSTOM ? undefined : hint}>
        <select
          id={`${prefix}-resolution`}
          className="input select"
          value={draft[choice]}
          data-testid={`${prefix}-resolution`}
          onChange={(e) => set({ [choice]: e.target.value } as Partial<SettingsDraft>)}
        >
          {same ? <option value={SAME}>Same as base (no scaling)</option> : null}
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {sizeLabel(r)}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </SettingsRow>
      {draft[choice] === CUSTOM ? (
        <div className="field">
          <span className="field-label">{label}: size</span>
          <div className="field-control">
            <input
              id={`${prefix}-width`}
              className="input input-number"
              type="number"
              min={L.minWidth}
              max={L.maxWidth}
              aria-label={`${label} width`}
              aria-invalid={errors.some((e) => e.field === width)}
              value={draft[width]}
              data-testid={`${prefix}-width`}
              onChange={(e) => set({ [width]: e.target.value } as Partial<SettingsDraft>)}
            />
            <span className="suffix">×</span>
            <input
              className="input input-number"
              type="number"
              min={L.minHeight}
              max={L.maxHeight}
              aria-label={`${label} height`}
              aria-invalid={errors.some((e) => e.field === height)}
              value={draft[height]}
              data-testid={`${prefix}-height`}
              onChange={(e) => set({ [height]: e.target.value } as Partial<SettingsDraft>)}
            />
          </div>
          {error ? (
            <p className="field-error" role="alert" data-testid={`${prefix}-size-error`}>
              {error.message}
            </p>
          ) : (
            <p className="field-hint">
              Any size from {L.minWidth} × {L.minHeight} to {L.maxWidth} × {L.maxHeight}, any shape. {hint}
            </p>
          )}
        </div>
      ) : null}
    </>
  );
}

/**
 * The canvas (base) size the scene is composed at, the output (scaled) size FFmpeg encodes, and
 * the frame rate. While live the engine takes a new output size (not while recording: a file keeps one
 * size); the canvas and frame rate wait until every output stops, and its refusal shows beside the field.
 */
export function VideoSettingsFields(props: SectionProps) {
  const { draft, set, errors } = props;
  const fpsChoices: string[] = FPS_CHOICES.map(String);
  if (!fpsChoices.includes(draft.fps)) fpsChoices.unshift(draft.fps);
  return (
    <fieldset className="settings-section">
      <legend>Video</legend>
      <SizeFields {...props} prefix="settings" label="Base (canvas) resolution" choice="resolution" width="width" height="height" hint="The width a multiple of 4, the height even." />
      <SizeFields {...props} prefix="settings-out" label="Output (scaled) resolution" choice="outResolution" width="outWidth" height="outHeight" same hint="Both even; what streams and recordings are encoded at." />
      <SettingsRow id="settings-fps" label="Frame rate" field="fps" errors={errors}>
        <select id="settings-fps" className="input select" value={draft.fps} data-testid="settings-fps" onChange={(e) => set({ fps: e.target.value })}>
          {fpsChoices.map((f) => (
            <option key={f} value={f}>
              {f} fps
            </option>
          ))}
        </select>
      </SettingsRow>
    </fieldset>
  );
}
