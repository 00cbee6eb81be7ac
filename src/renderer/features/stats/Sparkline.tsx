import { HISTORY_CAPACITY, type StatSample } from '../../stores/history';
import { formatBitrate, sparkPoints } from './format';

const W = 120;
const H = 22;

/** Bitrate over the last 10 minutes, newest at the right. */
export function Sparkline({ history }: { history: readonly StatSample[] }) {
  const values = history.map((s) => s.bitrateKbps);
  const peak = values.length > 0 ? Math.max(...values) : 0;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={`Bitrate, last 10 minutes; peak ${formatBitrate(peak)}`}
    >
      <title>{`Bitrate over the last 10 minutes (peak ${formatBitrate(peak)})`}</title>
      <polyline points={sparkPoints(values, W, H, HISTORY_CAPACITY)} fill="none" stroke="currentColor" strokeWidth="1" />
    </svg>
  );
}
