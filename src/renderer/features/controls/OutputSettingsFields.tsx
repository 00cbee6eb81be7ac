import { SettingsRow, type SectionProps } from './SettingsFields';
import { PROFILES, X264_PRESETS } from './settingsForm';

/** Encoder (libx264 in v1) and where FFmpeg lives. */
export function OutputSettingsFields({ draft, set, errors }: SectionProps) {
  const presets: string[] = [...X264_PRESETS];
  if (!presets.includes(draft.preset)) presets.push(draft.preset);
  return (
    <fieldset className="settings-section">
      <legend>Output</legend>
      <SettingsRow id="settings-bitrate" label="Video bitrate" field="bitrate" errors={errors}>
        <input
          id="settings-bitrate"
          className="input input-number"
          type="number"
          min={100}
          max={100000}
          step={100}
          value={draft.bitrate}
          data-testid="settings-bitrate"
          onChange={(e) => set({ bitrate: e.target.value })}
        />
        <span className="suffix">kbps</span>
      </SettingsRow>
      <SettingsRow id="settings-keyframe" label="Keyframe interval" field="keyframe" errors={errors}>
        <input
          id="settings-keyframe"
          className="input input-number"
          type="number"
          min={0.5}
          max={20}
          step={0.5}
          value={draft.keyframe}
          data-testid="settings-keyframe"
          onChange={(e) => set({ keyframe: e.target.value })}
        />
        <span className="suffix">s</span>
      </SettingsRow>
      <SettingsRow id="settings-preset" label="x264 preset" hint="Faster presets use less CPU at the same bitrate, at some cost in quality.">
        <select id="settings-preset" className="input select" value={draft.preset} data-testid="settings-preset" onChange={(e) => set({ preset: e.target.value })}>
          {presets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-profile" label="Profile">
        <select id="settings-profile" className="input select" value={draft.profile} data-testid="settings-profile" onChange={(e) => set({ profile: e.target.value })}>
          {PROFILES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-ffmpeg" label="FFmpeg path" hint="Empty: use FFMPEG_PATH, then the bundled ffmpeg-static, then ffmpeg on PATH.">
        <input
          id="settings-ffmpeg"
          className="input"
          type="text"
          spellCheck={false}
          placeholder="(automatic)"
          value={draft.ffmpegPath}
          data-testid="settings-ffmpeg"
          onChange={(e) => set({ ffmpegPath: e.target.value })}
        />
      </SettingsRow>
    </fieldset>
  );
}
