/**
 * Whether the FFmpeg in use takes secret options from a preset (ffmpeg-preset.ts) — tested, not
 * assumed from its version. FFmpeg is told to publish to a loopback TCP listener of ours, with the
 * RTMP app and stream name only in a preset delivered the way pushers deliver theirs
 * (preset-channel.ts). FFmpeg parses the preset before it opens its output and stops at an unknown
 * option ("-fpre" itself, or a protocol option it lacks), so a connection reaching the listener
 * proves the whole route. The listener then hangs up, which ends FFmpeg at its handshake.
 *
 * Shared by every output in the process, per FFmpeg path.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Clock } from '../api';
import { PRESET_FD, openPresetChannel, type PresetChannel } from './preset-channel';

export interface PresetSupport {
  supported: boolean;
  /** Why not, for the log: FFmpeg's last line or what went wrong. */
  why: string;
}

export type PresetProbe = (ffmpegPath: string) => Promise<PresetSupport>;

const TIMEOUT_MS = 10_000;
const cache = new Map<string, Promise<PresetSupport>>();

/** The shared probe: a "yes" is kept for the process, a "no" is asked again next time (the binary may change). */
export function presetSupport(ffmpegPath: string, clock: Clock): Promise<PresetSupport> {
  let found = cache.get(ffmpegPath);
  if (!found) {
    found = probePresets(ffmpegPath, clock).catch((error: unknown) => ({ supported: false, why: String(error) }));
    cache.set(ffmpegPath, found);
    void found.then((r) => {
      if (!r.supported) cache.delete(ffmpegPath);
    });
  }
  return found;
}

export async function probePresets(ffmpegPath: string, clock: Clock, timeoutMs = TIMEOUT_MS): Promise<PresetSupport> {
  let connected = false;
  const server = createServer((socket) => {
    connected = true;
    socket.destroy();
  });
  const listening = await listen(server);
  if (!listening.ok) return { supported: false, why: `no loopback port for the probe (${listening.why})` };
  const channel = openPresetChannel('rtmp_app=probe\nrtmp_playpath=probe\n', PRESET_FD);
  if (!channel.ok) {
    server.close();
    return { supported: false, why: channel.error.message };
  }
  try {
    const out = await run(ffmpegPath, channel.value, listening.port, clock, timeoutMs);
    if (connected) return { supported: true, why: '' };
    return { supported: false, why: out };
  } finally {
    channel.value.dispose();
    server.close();
  }
}

function listen(server: Server): Promise<{ ok: true; port: number } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, why: e.code ?? e.message }));
    server.listen(0, '127.0.0.1', () => resolve({ ok: true, port: (server.address() as AddressInfo).port }));
  });
}

/** Runs the probe's FFmpeg to its end; resolves with its last stderr line (or what stopped it). */
function run(ffmpegPath: string, preset: PresetChannel, port: number, clock: Clock, timeoutMs: number): Promise<string> {
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    // Raw silence from an empty stdin: no filter library needed, and the output opens before any is read.
    '-f', 's16le', '-ar', '8000', '-ac', '1', '-i', 'pipe:0',
    '-c:a', 'aac', '-fpre', preset.path, '-f', 'flv', `rtmp://127.0.0.1:${port}/`,
  ];
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const extra = preset.inherit;
    const stdio: Array<'ignore' | 'pipe' | number> = ['ignore', 'ignore', 'pipe'];
    if (extra) for (let fd = stdio.length; fd <= extra.fd; fd++) stdio.push(fd === extra.fd ? extra.handle : 'ignore');
    const child = spawn(ffmpegPath, args, { stdio, windowsHide: true });
    preset.spawned();
    const done = (why: string): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(why);
    };
    const timer = clock.setTimeout(() => {
      child.kill('SIGKILL');
      done(`FFmpeg did not finish the probe within ${timeoutMs} ms`);
    }, timeoutMs);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      stderr = (stderr + s).slice(-4000);
    });
    for (const stream of child.stdio) stream?.on('error', () => {});
    child.once('error', (e: NodeJS.ErrnoException) => done(`FFmpeg could not be started (${e.code ?? e.message})`));
    child.once('close', (code) => {
      const last = stderr.split(/\r\n|\r|\n/).filter((l) => l.trim()).at(-1) ?? `exit code ${String(code)}`;
      done(last);
    });
  });
}
