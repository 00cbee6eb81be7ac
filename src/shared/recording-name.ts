/**
 * What a recording's file name pattern means: OBS's placeholders, the default pattern and the
 * extension of each format. The engine names the real file with it; the UI previews the same name.
 */
import type { RecordingFormat } from './model';

/** OBS's default pattern, used when the user's expands to nothing usable. */
export const DEFAULT_RECORDING_PATTERN = '%CCYY-%MM-%DD %hh-%mm-%ss';

export const recordingExtension = (format: RecordingFormat): string => (format === 'mkv' ? '.mkv' : '.mp4');

const two = (n: number): string => String(n).padStart(2, '0');

/** Expands %CCYY %YY %MM %DD %hh %mm %ss and %% in local time; anything else stays as written. */
export function expandRecordingPattern(pattern: string, now: Date): string {
  const year = String(now.getFullYear()).padStart(4, '0');
  const values: Record<string, string> = {
    CCYY: year,
    YY: year.slice(-2),
    MM: two(now.getMonth() + 1),
    DD: two(now.getDate()),
    hh: two(now.getHours()),
    mm: two(now.getMinutes()),
    ss: two(now.getSeconds()),
    '%': '%',
  };
  // One left-to-right pass, so "%%MM" is a literal "%MM" and not a percent sign and a month.
  return pattern.replace(/%(CCYY|YY|MM|DD|hh|mm|ss|%)/g, (_, key: string) => values[key]!);
}
