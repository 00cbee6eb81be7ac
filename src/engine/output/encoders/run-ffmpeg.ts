/**
 * Runs a short FFmpeg command to completion and hands back what it printed. The probe's only way to
 * start a process: no shell, a timeout that kills, an abort signal for the owner's dispose(), and
 * bounded buffers so a chatty FFmpeg cannot grow memory.
 */
import { spawn } from 'node:child_process';
import type { Clock } from '../../api';

export interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  /** The stderr lines, the last MAX_STDERR bytes of them. */
  lines: string[];
  timedOut: boolean;
  /** Set when the process could not be started at all (ENOENT, EACCES…). */
  spawnError: string | null;
}

const MAX_STDOUT = 1 << 20;
const MAX_STDERR = 64 << 10;

export function runFfmpeg(file: string, args: readonly string[], timeoutMs: number, clock: Clock, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: string | null = null;
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const timer = clock.setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (stdout.length < MAX_STDOUT) stdout += s;
    });
    child.stderr.on('data', (s: string) => {
      stderr += s;
      if (stderr.length > MAX_STDERR * 2) stderr = stderr.slice(-MAX_STDERR);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code ?? e.message;
    });
    // 'close' comes after 'error' too, and only once the pipes are drained.
    child.on('close', (code, sig) => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(abortError());
      const lines = stderr
        .slice(-MAX_STDERR)
        .split(/\r\n|\r|\n/)
        .filter((l) => l.trim() !== '');
      resolve({ code, signal: sig, stdout, lines, timedOut, spawnError });
    });
  });
}

function abortError(): Error {
  const e = new Error('The encoder probe was cancelled.');
  e.name = 'AbortError';
  return e;
}
