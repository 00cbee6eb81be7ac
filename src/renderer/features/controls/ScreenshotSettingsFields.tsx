import { SettingsRow, type SectionProps } from './SettingsFields';
import { SHOTS_INTERVAL, SHOTS_KEEP } from './settingsForm';

/** Periodic program screenshots while live (moderation, thumbnails); saved with the dialog. */
export function ScreenshotSettingsFields({ draft, set, errors }: SectionProps) {
  return (
    <fieldset className="settings-section" data-testid="screenshot-settings">
      <legend>Periodic screenshots</legend>
      <div className="field">
        <span className="field-label">While live</span>
        <div className="field-control">
          <span className="field-check">
            <input
              id="settings-shots-enabled"
              type="checkbox"
              checked={draft.shotsEnabled}
              data-testid="settings-shots-enabled"
              onChange={(e) => set({ shotsEnabled: e.target.checked })}
            />
            <label htmlFor="settings-shots-enabled">Save a picture of program every few seconds</label>
          </span>
        </div>
      </div>
      <SettingsRow id="settings-shots-interval" label="Every" field="shotsInterval" errors={errors}>
        <input
          id="settings-shots-interval"
          className="input input-number"
          type="number"
          min={SHOTS_INTERVAL.min}
          max={SHOTS_INTERVAL.max}
          step={1}
          value={draft.shotsInterval}
          data-testid="settings-shots-interval"
          onChange={(e) => set({ shotsInterval: e.target.value })}
        />
        <span className="suffix">s</span>
      </SettingsRow>
      <SettingsRow id="settings-shots-folder" label="Folder" field="shotsFolder" errors={errors} hint="Empty: screenshots/ in the studio's data folder.">
        <input
          id="settings-shots-folder"
          className="input"
          type="text"
          spellCheck={false}
          placeholder="(data folder)/screenshots"
          value={draft.shotsFolder}
          data-testid="settings-shots-folder"
          onChange={(e) => set({ shotsFolder: e.target.value })}
        />
      </SettingsRow>
      <SettingsRow id="settings-shots-format" label="Format">
        <select
          id="settings-shots-format"
          className="input select"
          value={draft.shotsFormat}
          data-testid="settings-shots-format"
          onChange={(e) => set({ shotsFormat: e.target.value })}
        >
          <option value="jpeg">JPEG</option>
          <option value="png">PNG</option>
        </select>
      </SettingsRow>
      <SettingsRow id="settings-shots-keep" label="Keep" field="shotsKeep" errors={errors} hint="The oldest pictures are deleted beyond this many.">
        <input
          id="settings-shots-keep"
          className="input input-number"
          type="number"
          min={SHOTS_KEEP.min}
          max={SHOTS_KEEP.max}
          step={1}
          value={draft.shotsKeep}
          data-testid="settings-shots-keep"
          onChange={(e) => set({ shotsKeep: e.target.value })}
        />
        <span className="suffix">pictures</span>
      </SettingsRow>
    </fieldset>
  );
}
