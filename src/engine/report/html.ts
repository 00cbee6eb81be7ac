/**
 * The post-stream report as one self-contained HTML page (no script, no external files): the
 * summary, each destination's numbers and reconnects, the diagnosis timeline, and SVG graphs of the
 * bitrates and frame rate over the run. Every text from the show (names, causes) is escaped.
 */
import type { StreamReport } from '../../shared';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${hh > 0 ? `${hh}:` : ''}${String(mm).padStart(hh > 0 ? 2 : 1, '0')}:${String(ss).padStart(2, '0')}`;
}

const kbps = (v: number | null): string => (v === null ? '—' : `${v.toLocaleString('en-US')} kbps`);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

const COLORS = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3'];

/** A line chart of named series over the run's time axis. */
function chart(title: string, unit: string, durationMs: number, series: Array<{ name: string; points: Array<[number, number]> }>): string {
  const W = 760;
  const H = 180;
  const pad = 36;
  const max = Math.max(1, ...series.flatMap((s) => s.points.map(([, v]) => v)));
  const span = Math.max(1, durationMs);
  const x = (t: number): number => pad + ((W - 2 * pad) * t) / span;
  const y = (v: number): number => H - pad + (-(H - 2 * pad) * v) / max;
  const lines = series
    .map((s, i) => {
      const d = s.points.map(([t, v], k) => `${k === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"/>`;
    })
    .join('');
  const legend = series.map((s, i) => `<span style="color:${COLORS[i % COLORS.length]}">■ ${esc(s.name)}</span>`).join(' ');
  return `<figure><figcaption>${esc(title)} (${esc(unit)}, max ${Math.round(max).toLocaleString('en-US')})</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">
<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#999"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#999"/>
<text x="${pad}" y="${H - pad + 16}" font-size="11">0:00</text><text x="${W - pad}" y="${H - pad + 16}" font-size="11" text-anchor="end">${clock(durationMs)}</text>
${lines}</svg><div class="legend">${legend}</div></figure>`;
}

export function reportHtml(r: StreamReport): string {
  const names = new Map(r.destinations.map((d) => [d.id, d.name]));
  const rows = r.destinations
    .map(
      (d) => `<tr><td>${esc(d.name)}</td><td>${esc(d.endState)}</td><td>${clock(d.uptimeMs)}</td><td>${d.reconnects.length}</td><td>${mb(d.bytesSent)}</td>
<td>${kbps(d.averageKbps)}</td><td>${kbps(d.minimumKbps)}</td><td>${d.droppedFrames}</td></tr>`,
    )
    .join('\n');
  const losses = r.destinations.flatMap((d) => d.reconnects.map((c) => ({ ...c, name: d.name }))).sort((a, b) => a.atMs - b.atMs);
  const lossList = losses.length
    ? `<ul>${losses.map((c) => `<li>${clock(c.atMs)} — ${esc(c.name)}: ${esc(c.cause ?? 'connection lost')}</li>`).join('')}</ul>`
    : '<p>No destination was lost.</p>';
  const diagnosis = r.diagnosis.length
    ? `<ul>${r.diagnosis.map((d) => `<li>${clock(d.atMs)} — <b>${esc(d.severity)}</b>: ${esc(d.message)}</li>`).join('')}</ul>`
    : '<p>No problem was diagnosed.</p>';
  const fallbacks = r.encoder.fallbacks.length
    ? `<ul>${r.encoder.fallbacks.map((f) => `<li>${clock(f.atMs)} — ${esc(f.from)} → ${esc(f.to)}: ${esc(f.message)}</li>`).join('')}</ul>`
    : '';
  const ids = [...names.keys()];
  const bitrates = chart('Bitrate', 'kbps', r.durationMs, [
    { name: 'Encoder', points: r.samples.map((s) => [s.atMs, s.bitrateKbps]) },
    ...ids.map((id) => ({ name: names.get(id)!, points: r.samples.filter((s) => id in s.destinations).map((s): [number, number] => [s.atMs, s.destinations[id]!]) })),
  ]);
  const fps = chart('Frames per second', 'fps', r.durationMs, [{ name: 'Encoded', points: r.samples.map((s) => [s.atMs, s.fps]) }]);
  const cpu = chart('CPU', '%', r.durationMs, [{ name: 'Machine', points: r.samples.map((s) => [s.atMs, s.cpuPercent]) }]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Stream report ${esc(r.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:820px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}figure{margin:1.5em 0}.legend span{margin-right:1em}</style>
</head><body>
<h1>Stream report</h1>
<p>${esc(r.startedAt)} → ${esc(r.endedAt)} · <b>${clock(r.durationMs)}</b> · ended ${r.endState === 'failed' ? `<b>failed</b>${r.error ? `: ${esc(r.error)}` : ''}` : 'normally'}</p>
<p>Encoder: ${esc(r.encoder.name ?? 'unknown')} · frames sent ${r.render.framesSent} · lagged ${r.render.lagged} · skipped ${r.render.skipped} · dropped by the encoder ${r.render.dropped} · render ${r.render.meanRenderMs ?? '—'} ms mean, ${r.render.maxRenderMs ?? '—'} ms worst</p>
${fallbacks ? `<h2>Encoder fallbacks</h2>${fallbacks}` : ''}
<h2>Destinations</h2>
<table><thead><tr><th>Destination</th><th>End</th><th>Uptime</th><th>Reconnects</th><th>Sent</th><th>Average</th><th>Minimum</th><th>Dropped</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Lost connections</h2>${lossList}
<h2>Diagnosis</h2>${diagnosis}
<h2>Graphs</h2>${bitrates}${fps}${cpu}
</body></html>
`;
}
