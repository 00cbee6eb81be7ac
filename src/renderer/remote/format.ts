/** Numbers as a producer reads them at a glance. */

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatKbps(kbps: number): string {
  if (!Number.isFinite(kbps) || kbps <= 0) return '0 kb/s';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(2)} Mb/s` : `${Math.round(kbps)} kb/s`;
}

/** "HH:MM:SS.mmm" → "H:MM:SS" (milliseconds are noise on a tablet). */
export function formatTimecode(timecode: string): string {
  const m = /^(\d+):(\d{2}):(\d{2})/.exec(timecode);
  if (!m) return '0:00:00';
  return `${Number(m[1])}:${m[2]}:${m[3]}`;
}

/** A meter's fill (0..1) for a peak in mul: -60 dB at the bottom, 0 dB at the top. */
export function meterFill(mul: number): number {
  if (!(mul > 0)) return 0;
  const db = 20 * Math.log10(mul);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}
