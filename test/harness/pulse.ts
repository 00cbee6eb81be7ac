/**
 * A private PulseAudio daemon for desktop-audio tests: a null sink "Speakers" as the default output
 * and a null source "Microphone" as the default input, reached only through PULSE_SERVER (a socket
 * in a temporary folder), so it never touches a session's own sound server.
 *
 * Headless and as root (CI containers), what works (measured with PulseAudio 16.1, Debian
 * bookworm): the per-user daemon, not --system, run with HOME and XDG_RUNTIME_DIR pointing at a
 * fresh temporary folder, -n (no default.pa, so no hardware or D-Bus modules), our own
 * module-native-protocol-unix with auth-anonymous=1 (no cookie to share), --exit-idle-time=-1 and
 * --use-pid-file=no. It warns that it "is not intended to be run as root" and that D-Bus is
 * unreachable; both are harmless. Needs the Debian packages pulseaudio and pulseaudio-utils (pactl).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SPEAKERS = 'studio_speakers';
export const MICROPHONE = 'studio_mic';

export interface Pulse {
  /** Environment that sends PulseAudio clients (pactl, FFmpeg, Chromium) to this daemon. */
  readonly env: { PULSE_SERVER: string };
  pactl(...args: string[]): Promise<string>;
  /**
   * Plays a sine of this frequency into the default output until stopped: FFmpeg's lavfi sine, peak
   * 1/8 (−18.1 dBFS) on both channels (pan copies it; -ac 2 would mix it 3 dB down).
   */
  playTone(hz: number): { stop(): void };
  stop(): Promise<void>;
}

function has(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

export async function startPulse(ffmpeg = process.env['FFMPEG_BIN'] ?? 'ffmpeg'): Promise<Pulse> {
  for (const bin of ['pulseaudio', 'pactl']) {
    if (!has(bin)) throw new Error(`${bin} is not installed: desktop-audio tests need a PulseAudio daemon (apt-get install pulseaudio pulseaudio-utils).`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-pulse-'));
  const socket = path.join(dir, 'native');
  const env = { PULSE_SERVER: `unix:${socket}` };
  const daemonLog: string[] = [];
  const daemon = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--use-pid-file=no',
      '--exit-idle-time=-1',
      '--log-target=stderr',
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    { env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  daemon.stderr?.setEncoding('utf8').on('data', (s: string) => daemonLog.push(s));
  let exited: string | null = null;
  daemon.once('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  daemon.once('error', (e) => (exited = e.message));

  const pactl = (...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile('pactl', args, { env: { ...process.env, ...env }, timeout: 10_000 }, (err, stdout, stderr) => (err ? reject(new Error(`pactl ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
    });

  try {
    await ready(() => exited, pactl, socket, daemonLog);
    // Loaded by a client rather than with -L, whose failures the daemon only logs.
    await pactl('load-module', 'module-null-sink', `sink_name=${SPEAKERS}`, 'sink_properties=device.description=Speakers');
    await pactl('load-module', 'module-null-source', `source_name=${MICROPHONE}`, 'description=Microphone');
    await pactl('set-default-sink', SPEAKERS);
    await pactl('set-default-source', MICROPHONE);
  } catch (err) {
    // A half-started daemon must not outlive the failed start.
    daemon.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const players = new Set<ChildProcess>();
  return {
    env,
    pactl,
    playTone(hz) {
      const p = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000`, '-af', 'pan=stereo|c0=c0|c1=c0', '-f', 'pulse', 'tone'], {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      players.add(p);
      p.once('exit', () => players.delete(p));
      return { stop: () => p.kill('SIGKILL') };
    },
    async stop() {
      for (const p of players) p.kill('SIGKILL');
      if (exited === null) {
        const gone = new Promise((r) => daemon.once('exit', r));
        daemon.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
        if (exited === null) daemon.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when a client gets the server's info; the daemon's own log explains a failure. */
async function ready(exited: () => string | null, pactl: (...args: string[]) => Promise<string>, socket: string, log: string[]): Promise<void> {
  for (let i = 0; ; i++) {
    const why = exited();
    if (why !== null) throw new Error(`the PulseAudio daemon could not start (${why}): ${log.join('').trim().split('\n').slice(-5).join(' | ')}`);
    try {
      await pactl('info');
      return;
    } catch (err) {
      if (i >= 100) throw new Error(`the PulseAudio daemon did not answer on ${socket}: ${String(err)}; log: ${log.join('').slice(-500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
