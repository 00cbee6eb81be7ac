#!/usr/bin/env node
/**
 * bench/desktop-frames — what a 1280x720 NV12 frame message costs on the desktop app's ways from the
 * page to the main process, measured in Chromium, because the Electron binary cannot run here.
 *
 *   CHROMIUM_PATH=/usr/bin/chromium node bench/desktop-frames.mjs [--frames 150] [--fps 30] [--rounds 5]
 *
 * Each case posts `frames` messages of 1,382,432 bytes (32-byte header + NV12 payload) at `fps`,
 * timing the sender's call (what the compositor's tick pays), the round trip until the receiver's
 * one-number reply is back, and the CPU of every Chromium process (from /proc) per frame. The
 * cases run interleaved, `rounds` times, and each figure is the median over rounds, so a box whose
 * load changes meanwhile weighs on every case alike; the load average is saved with the results.
 *
 * What stands in for what (Electron's own code, read at electron/electron 96f3996):
 * - contextBridge: an ArrayBuffer passed to a preload function is serialized and deserialized into
 *   the other world (context_bridge PassValueToOtherContextInner → CloneableMessage). Stand-in:
 *   `structuredClone(buffer)` in the page — the same V8/Blink serializer, one world, no IPC.
 * - A MessagePort to the main process (MessageChannelMain): a Mojo pipe between two processes.
 *   Stand-in: a MessagePort to a cross-site iframe, which site isolation puts in another renderer
 *   process ("cross-process port"). The receiver there is Blink, not Electron's V8Deserializer in
 *   the main process; both deserialize into a fresh ArrayBuffer.
 * - ipcRenderer.send: the same serialization and a Mojo message to the browser process; not
 *   measurable without Electron. It is counted as costing what the cross-process clone costs.
 * - Transfer: Electron 45's MessagePortMain cannot read a transferred ArrayBuffer (it arrives as
 *   null, electron issue #34905: Electron's deserializer never takes the transferred contents), so
 *   the studio clones. The transfer rows show what a transfer would save if Electron read them,
 *   with the sender allocating a fresh buffer per frame (a transferred one comes back detached) or
 *   taking it back from the receiver with the reply (a pool refilled by acks).
 * Same-process rows (a dedicated worker) separate serialization from the process hop.
 *
 * So: the old desktop path ≈ contextBridge + a cross-process clone; the frame port ≈ a cross-process
 * clone. Results print as a table and are saved to bench/results/.
 */
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const frames = arg('--frames', 150);
const fps = arg('--fps', 30);
const rounds = arg('--rounds', 5);
const WIDTH = 1280;
const HEIGHT = 720;
const BYTES = 32 + WIDTH * HEIGHT + 2 * (WIDTH / 2) * (HEIGHT / 2);

// The receiver: answers each frame with its sequence (header offset 16), and gives the buffer back
// when asked to (the pool variant).
const RECEIVER = `
function serve(port) {
  port.onmessage = (e) => {
    const buf = e.data;
    const seq = new DataView(buf).getFloat64(16, true);
    if (new DataView(buf).getUint8(4) === 2) port.postMessage({ seq, buf }, [buf]);
    else port.postMessage({ seq });
  };
}`;

const PAGE = `<!doctype html><meta charset="utf-8"><body><script>
const BYTES = ${BYTES};
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const stat = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), mean: xs.reduce((a, b) => a + b, 0) / xs.length });

async function receiver(kind) {
  if (kind === 'worker') {
    const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(RECEIVER)} + 'onmessage = (e) => serve(e.ports[0]);'], { type: 'text/javascript' })));
    const { port1, port2 } = new MessageChannel();
    w.postMessage(null, [port2]);
    return port1;
  }
  const frame = document.createElement('iframe');
  frame.src = location.href.replace('127.0.0.1', 'localhost') + 'frame';
  await new Promise((r) => { frame.onload = r; document.body.append(frame); });
  const { port1, port2 } = new MessageChannel();
  frame.contentWindow.postMessage('port', '*', [port2]);
  // The iframe says it listens before frames go.
  await new Promise((r) => { port1.onmessage = r; });
  return port1;
}

window.runCase = async (kind, mode, frames, fps) => {
  const send = [];
  const rtt = [];
  if (kind === 'contextBridge' || kind === 'idle') {
    const buf = new ArrayBuffer(BYTES);
    const t0 = performance.now();
    for (let i = 0; i < frames; i++) {
      await wait(t0 + (i * 1000) / fps - performance.now());
      const s = performance.now();
      if (kind === 'contextBridge' && structuredClone(buf).byteLength !== BYTES) throw new Error('clone lost bytes');
      send.push(performance.now() - s);
    }
    return { send: stat(send) };
  }
  const port = await receiver(kind);
  const sentAt = new Map();
  const pool = [];
  let got = 0;
  const done = new Promise((resolve) => {
    port.onmessage = (e) => {
      rtt.push(performance.now() - sentAt.get(e.data.seq));
      if (e.data.buf) pool.push(e.data.buf);
      if (++got === frames) resolve();
    };
  });
  const reused = new ArrayBuffer(BYTES);
  let allocated = 0;
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    await wait(t0 + (i * 1000) / fps - performance.now());
    const s = performance.now();
    let buf = reused;
    if (mode !== 'clone') {
      buf = (mode === 'transfer-pool' && pool.pop()) || (allocated++, new ArrayBuffer(BYTES));
    }
    const view = new DataView(buf);
    view.setUint8(4, mode === 'transfer-pool' ? 2 : 1);
    view.setFloat64(16, i, true);
    sentAt.set(i, s);
    if (mode === 'clone') port.postMessage(buf);
    else port.postMessage(buf, [buf]);
    send.push(performance.now() - s);
    if (mode === 'clone' && reused.byteLength !== BYTES) throw new Error('a cloned buffer was detached');
  }
  await done;
  port.close();
  document.querySelector('iframe')?.remove();
  return { send: stat(send), rtt: stat(rtt), allocated };
};
</script>`;

const FRAME = `<!doctype html><meta charset="utf-8"><script>${RECEIVER}
addEventListener('message', (e) => { if (e.ports[0]) { serve(e.ports[0]); e.ports[0].postMessage('ready'); } });
</script>`;

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(req.url === '/frame' ? FRAME : PAGE);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--site-per-process'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);

const chromiumCpuMs = () => tree(process.pid).filter((p) => p.pid !== process.pid).reduce((sum, p) => sum + p.cpuMs, 0);
const renderers = () => tree(process.pid).filter((p) => p.pid !== process.pid).length;

const cases = [
  { kind: 'idle', mode: 'none', stands: 'nothing sent: the paced loop alone (the CPU baseline)' },
  { kind: 'contextBridge', mode: 'clone', stands: "contextBridge's copy (structuredClone in one world)" },
  { kind: 'worker', mode: 'clone', stands: 'same process, cloned' },
  { kind: 'worker', mode: 'transfer', stands: 'same process, transferred (fresh buffer per frame)' },
  { kind: 'iframe', mode: 'clone', stands: 'cross-process port, cloned (the frame port as built)' },
  { kind: 'iframe', mode: 'transfer', stands: 'cross-process port, transferred (fresh buffer per frame)' },
  { kind: 'iframe', mode: 'transfer-pool', stands: 'cross-process port, transferred, buffer given back with the ack' },
];

const results = { date: new Date().toISOString(), machine: machine(), loadAverage: os.loadavg(), chromium: browser.version(), frames, fps, rounds, bytes: BYTES, runs: [] };
const perRound = cases.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [i, c] of cases.entries()) {
    const cpu0 = chromiumCpuMs();
    // The most Chromium processes seen during the case: the cross-site iframe adds a renderer.
    let processes = renderers();
    const count = setInterval(() => (processes = Math.max(processes, renderers())), 250);
    const r = await page.evaluate(([k, m, n, f]) => window.runCase(k, m, n, f), [c.kind, c.mode, frames, fps]);
    clearInterval(count);
    perRound[i].push({ ...r, chromiumCpuMsPerFrame: (chromiumCpuMs() - cpu0) / frames, processes });
  }
}
results.loadAverageAfter = os.loadavg();
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const midStat = (rs, key) => (rs[0][key] ? { median: mid(rs.map((r) => r[key].median)), p95: mid(rs.map((r) => r[key].p95)) } : undefined);
for (const [i, c] of cases.entries()) {
  const rs = perRound[i];
  results.runs.push({ ...c, send: midStat(rs, 'send'), rtt: midStat(rs, 'rtt'), chromiumCpuMsPerFrame: mid(rs.map((r) => r.chromiumCpuMsPerFrame)), processes: Math.max(...rs.map((r) => r.processes)), rounds: rs });
}
await browser.close();
server.close();

const f = (x) => (x === undefined ? '—' : x.toFixed(3));
console.log(
  `Chromium ${results.chromium}, ${rounds}×${frames} frames of ${BYTES} bytes at ${fps} fps (${results.machine.cpu}, ${results.machine.cores} cores, ` +
    `load ${results.loadAverage[0].toFixed(1)} → ${results.loadAverageAfter[0].toFixed(1)})`,
);
console.log('case                                                             send ms med/p95   round trip ms med/p95   Chromium CPU ms/frame (processes)');
for (const r of results.runs) {
  console.log(
    `${r.stands.padEnd(64)} ${f(r.send.median)}/${f(r.send.p95)}`.padEnd(83) +
      ` ${r.rtt ? `${f(r.rtt.median)}/${f(r.rtt.p95)}` : '—'}`.padEnd(24) +
      ` ${f(r.chromiumCpuMsPerFrame)} (${r.processes})`,
  );
}
const [idle, bridge, , , port1] = results.runs;
const cpu = (r) => r.chromiumCpuMsPerFrame - idle.chromiumCpuMsPerFrame;
console.log(
  `\nStands in for Electron (CPU over the idle baseline): old path ≈ contextBridge (${f(cpu(bridge))} ms/frame) + a cross-process clone ` +
    `(${f(cpu(port1))} ms/frame); the frame port ≈ the cross-process clone alone. Transfer rows: what Electron would save if ` +
    `MessagePortMain read transferred buffers (it does not). Wall-clock figures mean little on a loaded machine (see the load).`,
);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const out = path.join(root, 'bench/results', `desktop-frames-${results.date.slice(0, 10)}.json`);
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`saved ${path.relative(root, out)}`);
