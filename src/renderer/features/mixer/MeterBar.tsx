import { formatDb, meterFraction, type MeterReading } from './meter';

interface Props {
  reading: MeterReading;
  /** Greyed while the input is muted (it still shows what arrives, as OBS does). */
  muted?: boolean;
  testId: string;
}

/** One bar per channel: RMS solid, peak lighter behind it, on OBS's −60..0 dB scale. */
export function MeterBar({ reading, muted = false, testId }: Props) {
  const channels = reading.peakDb.length > 0 ? reading.peakDb.length : 2;
  return (
    <div
      className={muted ? 'meter meter-muted' : 'meter'}
      data-testid={testId}
      data-peak={Number.isFinite(reading.maxPeakDb) ? reading.maxPeakDb.toFixed(1) : '-inf'}
      title={`Peak ${formatDb(reading.maxPeakDb)}`}
      role="meter"
      aria-valuemin={-60}
      aria-valuemax={0}
      aria-valuenow={Number.isFinite(reading.maxPeakDb) ? Math.max(-60, Math.round(reading.maxPeakDb)) : -60}
    >
      {Array.from({ length: channels }, (_, ch) => (
        <div key={ch} className="meter-channel">
          <div className="meter-peak" style={{ width: `${meterFraction(reading.peakDb[ch] ?? -Infinity) * 100}%` }} />
          <div className="meter-rms" style={{ width: `${meterFraction(reading.rmsDb[ch] ?? -Infinity) * 100}%` }} />
        </div>
      ))}
    </div>
  );
}
