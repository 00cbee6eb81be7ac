import { useServices, useStudio } from '../../stores/context';
import { limitEncoders } from './codecSupport';
import { encoderOptions } from './encoders';
import { SettingsRow, type SectionProps } from './SettingsFields';
import { B_FRAMES, BITRATE, KEYFRAME, PROFILES, RATE_CONTROLS, X264_PRESETS } from './settingsForm';

const RATE_LABELS: Record<string, string> = {
  CBR: 'CBR (constant: what streaming platforms ask for)',
  VBR: 'VBR (variable: better quality when the scene allows)',
};

/** A select's choices, plus the current value when it is none of them (set elsewhere). */
export const withCurrent = (choices: readonly (string | number)[], current: string): string[] => {
  const out = choices.map(String);
  if (!out.includes(current)) out.push(current);
  return out;
};

const FFMPEG_HINT =
  'Empty: FFMPEG_PATH, then the bundled ffmpeg-static, then ffmpeg on PATH. To change it: in the desktop app use Choose FFmpeg…; in server mode start it with --ffmpeg PATH.';

/** The encoder, its rate control and quality settings, and where FFmpeg lives. */
export function OutputSettingsFields({ draft, set, errors }: SectionProps) {
  const status = useStudio((s) => s.encoder);
  const ffmpegPath = useStudio((s) => s.document?.output.ffmpegPath ?? '');
  const { bridge } = useServices();
  const destinations = useStudio((s) => s.document?.destinations);
  const encoders = limitEncoders(encoderOptions(status, draft.encoder), destinations ?? []);
  const blocked = encoders.find((o) => o.value === draft.encoder)?.blocked ?? null;
  return (
    <fieldset className="settings-section">
      <legend>Output</legend>
      <SettingsRow
        id="settings-encoder"
        label="Encoder"
        errors={blocked ? [{ field: 'encoder', message: `${draft.encoder} cannot stream now — ${blocked}; the studio uses an H.264 encoder instead.` }] : []}
        field="encoder"
        hint="One that is not available here can still be chosen: the studio then falls back to one that works and says why. One the destinations cannot carry is shown disabled, with the reason."
      >
        <select id="settings-encoder" className="input select" value={draft.encoder} data-testid="settings-encoder" onChange={(e) => set({ encoder: e.target.value })}>
          {encoders.map((o) => (
            <option key={o.value} value={o.value} data-works={String(o.works)} disabled={o.blocked !== null} data-blocked={o.blocked ?? undefined}>
              {o.label}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-rate-control" label="Rate control">
        <select
          id="settings-rate-control"
          className="input select"
          value={draft.rateControl}
          data-testid="settings-rate-control"
          onChange={(e) => set({ rateControl: e.target.value })}
        >
          {withCurrent(RATE_CONTROLS, draft.rateControl).map((r) => (
            <option key={r} value={r}>
              {RATE_LABELS[r] ?? r}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-bitrate" label="Video bitrate" field="bitrate" errors={errors}>
        <input
          id="settings-bitrate"
          className="input input-number"
          type="number"
          min={BITRATE.min}
          max={BITRATE.max}
          step={100}
          value={draft.bitrate}
          data-testid="settings-bitrate"
          onChange={(e) => set({ bitrate: e.target.value })}
        />
        <span className="suffix">kbps</span>
      </SettingsRow>
      <SettingsRow id="settings-keyframe" label="Keyframe interval" field="keyframe" errors={errors} hint="Platforms ask for 2 s.">
        <input
          id="settings-keyframe"
          className="input input-number"
          type="number"
          min={KEYFRAME.min}
          max={KEYFRAME.max}
          step={1}
          value={draft.keyframe}
          data-testid="settings-keyframe"
          onChange={(e) => set({ keyframe: e.target.value })}
        />
        <span className="suffix">s</span>
      </SettingsRow>
      <SettingsRow id="settings-preset" label="Preset" hint="x264 names; faster presets use less CPU at the same bitrate, at some cost in quality. Hardware encoders map them to their own.">
        <select id="settings-preset" className="input select" value={draft.preset} data-testid="settings-preset" onChange={(e) => set({ preset: e.target.value })}>
          {withCurrent(X264_PRESETS, draft.preset).map((p) => (
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
      <SettingsRow id="settings-bframes" label="B-frames" field="bFrames" errors={errors} hint="0 gives the lowest latency; 2 is the usual choice for quality.">
        <select id="settings-bframes" className="input select" value={draft.bFrames} data-testid="settings-bframes" onChange={(e) => set({ bFrames: e.target.value })}>
          {withCurrent(B_FRAMES, draft.bFrames).map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-ffmpeg" label="FFmpeg path" hint={FFMPEG_HINT}>
        {/* Read-only: choosing the program the studio runs is the host's job, never a page's. */}
        <input
          id="settings-ffmpeg"
          className="input"
          type="text"
          readOnly
          spellCheck={false}
          placeholder="(automatic)"
          value={ffmpegPath}
          data-testid="settings-ffmpeg"
        />
        {bridge.chooseFfmpeg ? (
          <button type="button" className="button button-small" data-testid="settings-ffmpeg-choose" onClick={() => void bridge.chooseFfmpeg?.()}>
            Choose FFmpeg…
          </button>
        ) : null}
      </SettingsRow>
    </fieldset>
  );
}
