/** FFmpeg processes as Linux's /proc sees them: the "no FFmpeg survives" checks. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  name: string;
  /** Arguments joined by spaces. */
  cmdline: string;
}

function read(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may itself contain ") "; the fields after the last ")" are fixed.
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (state === 'Z' || state === 'X') return null; // exited, only waiting to be reaped
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, ppid: Number(ppid), name, cmdline };
  } catch {
    return null; // gone while we looked
  }
}

function all(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => read(Number(d)))
    .filter((p): p is ProcInfo => p !== null);
}

const isFfmpeg = (p: ProcInfo): boolean => p.name === 'ffmpeg' || /(?:^|\/)ffmpeg(?:\s|$)/.test(p.cmdline.split(' ')[0] ?? '');

/** Live FFmpeg processes descended from parentPid (default: this process). */
export function listFfmpegChildren(parentPid: number = process.pid): ProcInfo[] {
  return listDescendants(parentPid).filter(isFfmpeg);
}

/** Every live process descended from parentPid (children, grandchildren…), whatever it runs. */
export function listDescendants(parentPid: number = process.pid): ProcInfo[] {
  const procs = all();
  const inTree = new Set<number>([parentPid]);
  // Parents may appear after children in /proc order: repeat until the set stops growing.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => p.pid !== parentPid && inTree.has(p.pid));
}

/** Live FFmpeg processes anywhere whose command line contains `match` (e.g. a server's host:port). */
export function listFfmpegProcesses(match = ''): ProcInfo[] {
  return all().filter((p) => isFfmpeg(p) && p.cmdline.includes(match));
}

/** Any live process whose command line contains `match` (a headless Chromium opened on our URL…). */
export function listProcessesMatching(match: string): ProcInfo[] {
  return all().filter((p) => p.pid !== process.pid && p.cmdline.includes(match));
}
