/**
 * The machine's CPU use between two readings, 0..100 over all cores.
 *
 * os.cpus() gives each core's time counters since boot (user, nice, sys, idle, irq, in ms); the use
 * over an interval is 1 − idle/total of their differences, summed over all cores. This is the whole
 * machine, not this process: a streamer needs to know whether the machine is saturated, whoever is
 * using it (the compositor runs in another process, FFmpeg in several).
 */
import os from 'node:os';

interface Times {
  idle: number;
  total: number;
}

export class CpuMeter {
  private last: Times;

  /** `read` is os.cpus; tests pass their own counters. */
  constructor(private readonly read: () => Pick<os.CpuInfo, 'times'>[] = os.cpus) {
    this.last = sum(this.read());
  }

  /** Use since the previous call (the first call measures since construction). */
  percent(): number {
    const now = sum(this.read());
    const total = now.total - this.last.total;
    const idle = now.idle - this.last.idle;
    this.last = now;
    // No time passed, or counters went backwards (a core went offline, a VM reset them): no reading.
    if (!(total > 0)) return 0;
    return Math.min(100, Math.max(0, 100 * (1 - idle / total)));
  }
}

function sum(cpus: Pick<os.CpuInfo, 'times'>[]): Times {
  let idle = 0;
  let total = 0;
  for (const { times: t } of cpus) {
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}
