/**
 * A private X display for tests that need a real one (screen capture of an X screen). Xvfb picks a
 * free display number itself (-displayfd: no race with another test or user choosing the same
 * number) and writes it once it accepts connections; its socket in /tmp/.X11-unix is then checked as
 * well. Needs Debian's `xvfb`; `xsetroot` (x11-xserver-utils) paints the root window.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Xvfb {
  /** ":N", for DISPLAY. */
  display: string;
  width: number;
  height: number;
  /** process.env with DISPLAY set to this display. */
  env: NodeJS.ProcessEnv;
  /** Paints the root window (everything no window covers) one colour, "#rrggbb". */
  fill(colour: string): Promise<void>;
  stop(): Promise<void>;
}

const READY_MS = 20_000;

function exitedWith(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

export async function startXvfb(opts: { width: number; height: number }): Promise<Xvfb> {
  const bin = '/usr/bin/Xvfb';
  if (!existsSync(bin)) throw new Error(`${bin} is missing: install Debian's xvfb package (apt-get install xvfb).`);
  const { width, height } = opts;
  // fd 3 is -displayfd's pipe; -nolisten tcp: only the local socket.
  const child = spawn(bin, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const num = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display number within ${READY_MS} ms:\n${log}`)), READY_MS);
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    fd.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve(Number(out.trim()));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb could not start: ${e.message}`));
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${exitedWith(child)}) before it was ready:\n${log}`));
    });
  });
  const socket = `/tmp/.X11-unix/X${num}`;
  if (!Number.isInteger(num) || !existsSync(socket)) {
    child.kill('SIGKILL');
    throw new Error(`Xvfb reported display ${num} but ${socket} does not exist:\n${log}`);
  }
  const display = `:${num}`;
  const env = { ...process.env, DISPLAY: display };
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    display,
    width,
    height,
    env,
    fill: (colour) =>
      new Promise((resolve, reject) => {
        execFile('xsetroot', ['-solid', colour], { env, timeout: 10_000 }, (error, _out, stderr) => {
          if (error) reject(new Error(`xsetroot -solid ${colour} on ${display} failed (is x11-xserver-utils installed?): ${String(error)} ${stderr}`));
          else resolve();
        });
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
