import { useStudio } from '../../stores/context';
import { SettingsRow, type SectionProps } from './SettingsFields';
import { REPLAY_MB, REPLAY_SECONDS, REPLAY_TRANSITION_MS } from './settingsForm';

/**
 * The replay buffer's settings (OBS's Maximum Replay Time and Maximum Memory). Replays are written
 * into the recording folder, named after the recording's pattern, so where they go is set there.
 * Below them, how "Play last replay" goes on air: its transition and the return to the show.
 */
export function ReplaySettingsFields({ draft, set, errors }: SectionProps) {
  const folder = useStudio((s) => s.document?.output.recording.folder ?? '');
  const kinds = useStudio((s) => s.kinds).filter((k) => k.category === 'transition');
  return (
    <fieldset className="settings-section" data-testid="settings-replay">
      <legend>Replay buffer</legend>
      <SettingsRow id="settings-replay-seconds" label="Maximum replay time" field="replaySeconds" errors={errors} hint={`${REPLAY_SECONDS.min} to ${REPLAY_SECONDS.max} s. Takes effect when the buffer next starts.`}>
        <input
          id="settings-replay-seconds"
          className="input input-number"
          type="number"
          min={REPLAY_SECONDS.min}
          max={REPLAY_SECONDS.max}
          step={1}
          aria-invalid={errors.some((e) => e.field === 'replaySeconds') || undefined}
          value={draft.replaySeconds}
          data-testid="settings-replay-seconds"
          onChange={(e) => set({ replaySeconds: e.target.value })}
        />
        <span className="suffix">s</span>
      </SettingsRow>
      <SettingsRow id="settings-replay-mb" label="Maximum memory" field="replayMb" errors={errors} hint="The oldest seconds are dropped first when the buffer would need more.">
        <input
          id="settings-replay-mb"
          className="input input-number"
          type="number"
          min={REPLAY_MB.min}
          max={REPLAY_MB.max}
          step={1}
          aria-invalid={errors.some((e) => e.field === 'replayMb') || undefined}
          value={draft.replayMb}
          data-testid="settings-replay-mb"
          onChange={(e) => set({ replayMb: e.target.value })}
        />
        <span className="suffix">MB</span>
      </SettingsRow>
      <div className="field">
        <span className="field-label">Saved to</span>
        <div className="field-control">
          <span className="suffix" data-testid="settings-replay-folder">
            {folder || 'the recording folder in the studio’s data folder'}
          </span>
        </div>
        <p className="field-hint">Replays go where recordings go (Recording → Folder), as “Replay ” and the recording’s file name.</p>
      </div>
      <SettingsRow id="settings-replay-transition" label="Replay transition" field="replayTransition" errors={errors} hint="How program switches to the replay’s scene, and back.">
        <select
          id="settings-replay-transition"
          className="input"
          value={draft.replayTransition}
          data-testid="settings-replay-transition"
          onChange={(e) => set({ replayTransition: e.target.value })}
        >
          <option value="">Current transition</option>
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.displayName}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-replay-transition-ms" label="Replay transition duration" field="replayTransitionMs" errors={errors}>
        <input
          id="settings-replay-transition-ms"
          className="input input-number"
          type="number"
          min={REPLAY_TRANSITION_MS.min}
          max={REPLAY_TRANSITION_MS.max}
          step={1}
          aria-invalid={errors.some((e) => e.field === 'replayTransitionMs') || undefined}
          value={draft.replayTransitionMs}
          data-testid="settings-replay-transition-ms"
          onChange={(e) => set({ replayTransitionMs: e.target.value })}
        />
        <span className="suffix">ms</span>
      </SettingsRow>
      <div className="field">
        <span className="field-label">After the replay</span>
        <div className="field-control">
          <span className="field-check">
            <input
              id="settings-replay-return"
              type="checkbox"
              checked={draft.replayReturn}
              data-testid="settings-replay-return"
              onChange={(e) => set({ replayReturn: e.target.checked })}
            />
            <label htmlFor="settings-replay-return">Back to the show when the replay ends</label>
          </span>
        </div>
        <p className="field-hint">Not when someone switched scenes during the replay.</p>
      </div>
    </fieldset>
  );
}
