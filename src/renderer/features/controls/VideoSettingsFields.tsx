import { VIDEO_LIMITS } from '../../../shared';
import { SettingsRow, type SectionProps } from './SettingsFields';
import { CUSTOM, FPS_CHOICES, RESOLUTIONS } from './settingsForm';

/** Canvas size and frame rate. The engine refuses changes while live and says so. */
export function VideoSettingsFields({ draft, set, errors }: SectionProps) {
  const fpsChoices: string[] = FPS_CHOICES.map(String);
  if (!fpsChoices.includes(draft.fps)) fpsChoices.unshift(draft.fps);
  return (
    <fieldset className="settings-section">
      <legend>Video</legend>
      <SettingsRow id="settings-resolution" label="Base resolution">
        <select
          id="settings-resolution"
          className="input select"
          value={draft.resolution}
          data-testid="settings-resolution"
          onChange={(e) => set({ resolution: e.target.value })}
        >
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {r.replace('x', ' × ')}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </SettingsRow>
      {draft.resolution === CUSTOM ? (
        <SettingsRow id="settings-width" label="Custom size" field={errors.some((e) => e.field === 'width') ? 'width' : 'height'} errors={errors}>
          <input
            id="settings-width"
            className="input input-number"
            type="number"
            min={VIDEO_LIMITS.minWidth}
            max={VIDEO_LIMITS.maxWidth}
            aria-label="Width"
            value={draft.width}
            data-testid="settings-width"
            onChange={(e) => set({ width: e.target.value })}
          />
          <span className="suffix">×</span>
          <input
            className="input input-number"
            type="number"
            min={VIDEO_LIMITS.minHeight}
            max={VIDEO_LIMITS.maxHeight}
            aria-label="Height"
            value={draft.height}
            data-testid="settings-height"
            onChange={(e) => set({ height: e.target.value })}
          />
        </SettingsRow>
      ) : null}
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
