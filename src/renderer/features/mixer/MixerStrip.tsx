import { useEffect, useState } from 'react';
import { MONITOR_TYPES, type Input, type MonitorType } from '../../../shared';
import { dbToFader, dbToMul, faderToDb, mulToDb } from '../../audio/laws';
import type { StripView } from '../../audio/mixer';
import { useActions } from '../../stores/context';
import { Icon } from '../layout/Icon';
import { AdvancedAudio } from './AdvancedAudio';
import { MeterBar } from './MeterBar';
import { formatDb, readMeter } from './meter';

const FADER_STEPS = 1000;

const MONITOR_LABELS: Record<MonitorType, string> = {
  none: 'Monitor off',
  monitorOnly: 'Monitor only (mute output)',
  monitorAndOutput: 'Monitor and output',
};

interface Props {
  input: Input;
  levels: number[][] | undefined;
  view: StripView | undefined;
  /** Shown by an enabled item of the program scene. */
  active: boolean;
}

/** One input in the Audio Mixer: name and level, meter with a clip light that holds, fader in dB (OBS's curve), mute, monitoring. */
export function MixerStrip({ input, levels, view, active }: Props) {
  const { call } = useActions();
  const name = input.name;
  const reading = readMeter(levels);
  const [clipped, setClipped] = useState(false);
  useEffect(() => {
    if (reading.clipped) setClipped(true);
  }, [reading.clipped]);
  const db = mulToDb(input.volumeMul);
  const position = Math.round(dbToFader(db) * FADER_STEPS);
  const setVolume = (steps: number): void => {
    const volumeMul = dbToMul(faderToDb(steps / FADER_STEPS));
    void call('input.setAudio', { inputUuid: input.uuid, volumeMul });
  };
  return (
    <li
      className={active ? 'mixer-strip' : 'mixer-strip mixer-strip-inactive'}
      data-testid={`mixer-strip-${name}`}
      data-delay-ms={view ? Math.round(view.delayMs) : undefined}
    >
      <div className="mixer-strip-head">
        <span className="mixer-name" title={active ? name : `${name} (not in program)`}>
          {name}
        </span>
        <span className="mixer-db" data-testid={`mixer-db-${name}`}>
          {formatDb(db)}
        </span>
      </div>
      <div className="mixer-meter-row">
        <MeterBar reading={reading} muted={input.muted} testId={`mixer-meter-${name}`} />
        <button
          type="button"
          className={clipped ? 'clip-light clip-on' : 'clip-light'}
          data-testid={`mixer-clip-${name}`}
          data-clipped={String(clipped)}
          aria-label={clipped ? `${name} clipped; click to reset` : `${name} has not clipped`}
          title={clipped ? 'Clipped (click to reset)' : 'No clipping'}
          onClick={() => setClipped(false)}
        />
      </div>
      <div className="mixer-controls">
        <input
          type="range"
          className="fader"
          min={0}
          max={FADER_STEPS}
          step={1}
          value={position}
          aria-label={`Volume of ${name}`}
          data-testid={`mixer-fader-${name}`}
          onChange={(e) => setVolume(Number(e.target.value))}
        />
        <button
          type="button"
          className={input.muted ? 'icon-button toggle toggle-off' : 'icon-button toggle'}
          aria-pressed={input.muted}
          aria-label={input.muted ? `Unmute ${name}` : `Mute ${name}`}
          title={input.muted ? 'Muted (click to unmute)' : 'Audible (click to mute)'}
          data-testid={`mixer-mute-${name}`}
          onClick={() => void call('input.setAudio', { inputUuid: input.uuid, muted: !input.muted })}
        >
          <Icon name={input.muted ? 'speakerOff' : 'speaker'} />
        </button>
        <select
          className="input select mixer-monitor"
          aria-label={`Monitoring of ${name}`}
          data-testid={`mixer-monitor-${name}`}
          data-output={String(view?.output ?? false)}
          data-monitoring={String(view?.monitoring ?? false)}
          value={input.monitorType}
          onChange={(e) => void call('input.setAudio', { inputUuid: input.uuid, monitorType: e.target.value as MonitorType })}
        >
          {MONITOR_TYPES.map((t) => (
            <option key={t} value={t}>
              {MONITOR_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <AdvancedAudio input={input} />
    </li>
  );
}
