/** Process-tree CPU accounting from /proc, for the benchmarks (Linux only). */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    return { pid, name, ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Every process below root (root included), with its CPU time so far. */
export function tree(root) {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => stat(Number(d))).filter(Boolean);
  const byParent = new Map();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out = [];
  const walk = (pid) => {
    const self = all.find((p) => p.pid === pid);
    if (self) out.push(self);
    for (const child of byParent.get(pid) ?? []) walk(child.pid);
  };
  walk(root);
  return out;
}

/** CPU ms per group: the root process itself, ffmpeg children, everything else (browser). */
export function cpuGroups(root) {
  const groups = { engine: 0, ffmpeg: 0, browser: 0 };
  for (const p of tree(root)) {
    if (p.pid === root) groups.engine += p.cpuMs;
    else if (p.name === 'ffmpeg') groups.ffmpeg += p.cpuMs;
    else groups.browser += p.cpuMs;
  }
  return groups;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}
