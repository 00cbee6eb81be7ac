import { useRemote } from './context';
import { meterFill } from './format';

const NO_LEVELS: number[] = [];

/** Peak per channel from InputVolumeMeters, -60..0 dB; greyed while muted. */
export function Meter({ inputName, muted }: { inputName: string; muted: boolean }) {
  const levels = useRemote((s) => s.levels[inputName] ?? NO_LEVELS);
  const channels = levels.length ? levels : [0, 0];
  return (
    <div
      className={muted ? 'meter meter-muted' : 'meter'}
      aria-hidden="true"
      data-testid={`remote-meter-${inputName}`}
      // The loudest channel's peak, for tests and tools that read the page.
      data-peak={Math.max(0, ...channels)}
    >
      {channels.map((peak, ch) => (
        <div className="meter-bar" key={ch}>
          {/* The gradient spans the whole bar; a cover hides the part above the level. */}
          <div className="meter-cover" style={{ width: `${(1 - meterFill(peak)) * 100}%` }} />
        </div>
      ))}
    </div>
  );
}
