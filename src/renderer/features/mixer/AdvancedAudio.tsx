import { AUDIO_TRACK_COUNT, SYNC_OFFSET_LIMITS, type CommandArgs, type Input } from '../../../shared';
import { CommitNumberInput } from '../../forms/CommitNumberInput';
import { useActions } from '../../stores/context';

/** OBS's Advanced Audio Properties for one input: balance, sync offset and tracks 1–6. */
export function AdvancedAudio({ input }: { input: Input }) {
  const { call } = useActions();
  const name = input.name;
  const set = (args: Omit<CommandArgs<'input.setAudio'>, 'inputUuid'>) => call('input.setAudio', { inputUuid: input.uuid, ...args });
  return (
    <details className="mixer-advanced">
      <summary data-testid={`mixer-advanced-${name}`}>Balance, sync offset, tracks</summary>
      <label className="mixer-row">
        <span>Balance</span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={Math.round(input.balance * 100)}
          aria-label={`Balance of ${name}`}
          data-testid={`mixer-balance-${name}`}
          onChange={(e) => void set({ balance: Number(e.target.value) / 100 })}
          onDoubleClick={() => void set({ balance: 0.5 })}
          title="L ↔ R (double-click: centre)"
        />
      </label>
      <label className="mixer-row">
        <span>Sync offset (ms)</span>
        <CommitNumberInput
          id={`mixer-sync-${input.uuid}`}
          value={input.syncOffsetMs}
          rule={{ min: SYNC_OFFSET_LIMITS.minMs, max: SYNC_OFFSET_LIMITS.maxMs, integer: true }}
          step={1}
          decimals={0}
          testId={`mixer-sync-${name}`}
          ariaLabel={`Sync offset of ${name} in milliseconds`}
          onCommit={(syncOffsetMs) => set({ syncOffsetMs })}
        />
      </label>
      <div className="mixer-row" role="group" aria-label={`Tracks of ${name}`}>
        <span>Tracks</span>
        {Array.from({ length: AUDIO_TRACK_COUNT }, (_, k) => (
          <label key={k} className="mixer-track">
            <input
              type="checkbox"
              checked={input.audioTracks[k] ?? true}
              data-testid={`mixer-track-${name}-${k + 1}`}
              onChange={(e) => {
                const audioTracks = [...input.audioTracks];
                audioTracks[k] = e.target.checked;
                void set({ audioTracks });
              }}
            />
            {k + 1}
          </label>
        ))}
      </div>
    </details>
  );
}
