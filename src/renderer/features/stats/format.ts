/** How the stats bar writes numbers. */

export function formatBitrate(kbps: number): string {
  if (!Number.isFinite(kbps) || kbps <= 0) return '0 kbps';
  return kbps < 1000 ? `${Math.round(kbps)} kbps` : `${(kbps / 1000).toFixed(2)} Mbps`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}`;
}

export function formatFps(fps: number): string {
  return Number.isFinite(fps) ? fps.toFixed(fps >= 100 ? 0 : 1) : '0.0';
}

export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '—';
}

export function formatSpeed(speed: number): string {
  return Number.isFinite(speed) && speed > 0 ? `${speed.toFixed(2)}×` : '—';
}

/** SVG polyline points for a series, newest at the right, scaled to its own peak. */
export function sparkPoints(values: readonly number[], width: number, height: number, capacity: number): string {
  if (values.length === 0) return '';
  const peak = Math.max(1, ...values);
  const step = capacity > 1 ? width / (capacity - 1) : width;
  const offset = width - (values.length - 1) * step;
  return values
    .map((v, i) => {
      const x = offset + i * step;
      const y = height - (Math.max(0, v) / peak) * (height - 1) - 0.5;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
