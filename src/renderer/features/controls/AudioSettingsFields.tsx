import { withCurrent } from './OutputSettingsFields';
import { SettingsRow, type SectionProps } from './SettingsFields';
import { AUDIO_BITRATES } from './settingsForm';

/** The audio every output carries (AAC, stereo, 48 kHz): its bitrate. Levels and devices are the mixer's. */
export function AudioSettingsFields({ draft, set, errors }: SectionProps) {
  return (
    <fieldset className="settings-section">
      <legend>Audio</legend>
      <SettingsRow id="settings-audio-bitrate" label="Audio bitrate" field="audioBitrate" errors={errors} hint="AAC, stereo, 48 kHz. Volume, monitoring and sync offsets are set per source in the Audio Mixer.">
        <select
          id="settings-audio-bitrate"
          className="input select"
          value={draft.audioBitrate}
          data-testid="settings-audio-bitrate"
          onChange={(e) => set({ audioBitrate: e.target.value })}
        >
          {withCurrent(AUDIO_BITRATES, draft.audioBitrate).map((b) => (
            <option key={b} value={b}>
              {b} kbps
            </option>
          ))}
        </select>
      </SettingsRow>
    </fieldset>
  );
}
