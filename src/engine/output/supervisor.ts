/**
 * One FFmpeg child process, supervised: spawned without a shell, video (or an encoded stream) on
 * pipe:0, PCM on pipe:3 when asked for, the encoded output on pipe:1 when asked for, -progress on
 * pipe:4, stderr kept (redacted) in a bounded ring for error messages. States run
 * starting → running → stopping → exited and never go back; a new run is a new FfmpegProcess.
 *
 * Stopping: FFmpeg's own 'q' command arrives on stdin, but stdin is our video pipe, so we end both
 * input pipes instead — FFmpeg then drains, flushes the encoder, writes the trailer and exits. If it
 * has not exited after termAfterMs it gets SIGTERM, and killAfterMs later SIGKILL. Every timer runs
 * on the injected Clock and is cleared when the process is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { Status, fail, ok, type Result } from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import { redact } from '../log/redact';
import { classifyExit, type ExitFailure } from './classify-exit';
import { ProgressParser, type ProgressSnapshot } from './progress-parser';

export type ProcessState = 'starting' | 'running' | 'stopping' | 'exited';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stop() or dispose() asked for this exit. */
  requested: boolean;
  /** Why it ended when nobody asked it to; null after a requested stop. */
  failure: ExitFailure | null;
  /** Last stderr lines, redacted. */
  stderr: string[];
}

export interface FfmpegProcessOptions {
  path: string;
  args: string[];
  clock: Clock;
  logger: Logger;
  /** Literal secrets the args contain (the stream key): hidden in every log line and message. */
  secrets?: Iterable<string>;
  /** Names this process in log lines ("output", "destination Twitch"…). */
  label?: string;
  /** Wait this long after ending the input pipes before SIGTERM; default 5000 ms. */
  termAfterMs?: number;
  /** Then this long before SIGKILL; default 3000 ms. */
  killAfterMs?: number;
  /** How many stderr lines to keep for error messages; default 60. */
  stderrLines?: number;
  /** Which optional pipes to open: PCM in on fd 3 (default true), encoded output on fd 1 (default false). */
  pipes?: { audio?: boolean; output?: boolean };
  /**
   * An open descriptor of ours (handle) the child inherits as fd (above 4): how a pusher hands
   * FFmpeg its preset, read as `-fpre /dev/fd/<fd>` (preset-channel.ts).
   */
  inherit?: { fd: number; handle: number };
  onProgress?: (snapshot: ProgressSnapshot) => void;
  onState?: (state: ProcessState) => void;
  onExit?: (info: ExitInfo) => void;
}

const MAX_STDERR_LINE = 1000;
/**
 * Lines after which FFmpeg is finished: it only has to clean up. It can hang doing so (5.1 joins its
 * input threads one by one; one blocked reading an empty pipe waits for a writer that has stopped
 * because another input's pipe is full), so it gets this long to exit before it is killed.
 */
const FATAL = /^Conversion failed!?$|Error while opening encoder|Error initializing output stream|Error initializing filters|Error while filtering/;
const FATAL_GRACE_MS = 3000;
/** After 'exit', how long to wait for the pipes to close before finishing anyway. */
const CLOSE_GRACE_MS = 2000;

export class FfmpegProcess {
  /** Resolves once the process is gone (never rejects). */
  readonly exited: Promise<ExitInfo>;
  private resolveExited!: (info: ExitInfo) => void;
  private child: ChildProcess | null = null;
  private current: ProcessState = 'starting';
  private requested = false;
  private outputOpened = false;
  private fatalSeen = false;
  private readonly ring: string[] = [];
  private stderrPartial = '';
  private readonly secrets: string[];
  private readonly timers = new Set<TimerHandle>();
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private finished: ExitInfo | null = null;
  private readonly parser: ProgressParser;
  private spawned: Promise<Result<null>> | null = null;

  constructor(private readonly opts: FfmpegProcessOptions) {
    this.secrets = [...(opts.secrets ?? [])].filter(Boolean);
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    this.parser = new ProgressParser((s) => this.opts.onProgress?.(s));
  }

  state(): ProcessState {
    return this.current;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** FFmpeg's pipe:0 (raw video); null before start and after exit. */
  get video(): Writable | null {
    return this.finished ? null : (this.child?.stdin ?? null);
  }

  /** FFmpeg's pipe:3 (PCM); null when not opened. */
  get audio(): Writable | null {
    return this.finished ? null : ((this.child?.stdio[3] as Writable | null | undefined) ?? null);
  }

  /** FFmpeg's pipe:1 (what it encodes to `pipe:1`); null when not opened. */
  get output(): Readable | null {
    return this.finished ? null : ((this.child?.stdio[1] as Readable | null | undefined) ?? null);
  }

  /**
   * Settles once the OS has started the process (ok) or failed to (the spawn error). Lets a caller
   * report a bad binary path from start() instead of through a later exit.
   */
  whenSpawned(): Promise<Result<null>> {
    if (!this.spawned) {
      this.spawned = new Promise((resolve) => {
        const child = this.child;
        if (this.finished || !child) {
          resolve(this.finished?.failure ? { ok: false, error: this.finished.failure.error } : fail(Status.InvalidResourceState, 'FFmpeg is not running.'));
          return;
        }
        // Node sets pid synchronously when the OS created the process; 'spawn' only confirms it later.
        if (child.pid !== undefined) return resolve(ok(null));
        void this.exited.then((info) =>
          resolve(info.failure ? { ok: false, error: info.failure.error } : fail(Status.ActionFailed, 'FFmpeg exited before it started.')),
        );
      });
    }
    return this.spawned;
  }

  /** Redacted stderr lines kept so far. */
  stderrTail(): string[] {
    return [...this.ring];
  }

  /** Spawns FFmpeg. Fails (and the process is exited) when it cannot even be started. */
  start(): Result<null> {
    if (this.child || this.finished) return fail(Status.InvalidResourceState, 'This FFmpeg process was already started.');
    const { path, args } = this.opts;
    this.log('info', 'starting ffmpeg', { path, args: args.join(' ') });
    let child: ChildProcess;
    try {
      const audio = (this.opts.pipes?.audio ?? true) ? 'pipe' : 'ignore';
      const output = this.opts.pipes?.output ? 'pipe' : 'ignore';
      const stdio: Array<'pipe' | 'ignore' | number> = ['pipe', output, 'pipe', audio, 'pipe'];
      const extra = this.opts.inherit;
      if (extra) for (let fd = stdio.length; fd <= extra.fd; fd++) stdio.push(fd === extra.fd ? extra.handle : 'ignore');
      child = spawn(path, args, { stdio, shell: false, windowsHide: true });
    } catch (error) {
      const message = `FFmpeg could not be started from ${path}: ${this.scrub(String(error))}.`;
      this.finish({ code: null, signal: null }, { kind: 'generic', retryable: false, error: { code: Status.ActionFailed, message } });
      return fail(Status.ActionFailed, message);
    }
    this.child = child;
    const [, , stderr, , progress] = child.stdio as [Writable, Readable | null, Readable, Writable | null, Readable];
    // Writes into a dying FFmpeg fail with EPIPE; that is reported by the exit, not as a crash.
    for (const stream of child.stdio) stream?.on('error', (error: Error) => this.log('debug', 'ffmpeg pipe error', { error: error.message }));
    stderr.on('data', (chunk: Buffer) => this.stderr(chunk.toString('utf8')));
    progress.on('data', (chunk: Buffer) => this.parser.push(chunk));
    progress.on('end', () => this.parser.end());
    child.once('spawn', () => {
      if (this.current === 'starting') this.setState('running');
      this.log('info', 'ffmpeg running', { pid: child.pid });
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Spawn failures (ENOENT, EACCES) arrive here; no 'exit' follows when no process ever existed.
      if (child.pid === undefined) {
        const message = `FFmpeg could not be started from ${path} (${error.code ?? error.message}).`;
        this.finish({ code: null, signal: null }, { kind: 'generic', retryable: false, error: { code: Status.ActionFailed, message } });
      } else {
        this.log('warn', 'ffmpeg process error', { error: error.message });
      }
    });
    child.once('exit', (code, signal) => {
      this.exitStatus = { code, signal };
      // Our ends of the input pipes are useless now; closing them lets 'close' come promptly.
      child.stdin?.destroy();
      (child.stdio[3] as Writable | null)?.destroy();
      this.later(CLOSE_GRACE_MS, () => this.finishFromExit());
    });
    child.once('close', () => this.finishFromExit());
    return ok(null);
  }

  /**
   * Ends the input pipes, then escalates to SIGTERM and SIGKILL. Resolves when the process is gone.
   * Safe to call in any state and more than once.
   */
  stop(): Promise<ExitInfo> {
    if (this.finished || this.current === 'stopping') return this.exited;
    this.requested = true;
    const child = this.child;
    if (!child) {
      this.finish({ code: null, signal: null }, null);
      return this.exited;
    }
    this.setState('stopping');
    child.stdin?.end();
    (child.stdio[3] as Writable | null)?.end();
    const term = this.opts.termAfterMs ?? 5000;
    const kill = this.opts.killAfterMs ?? 3000;
    this.later(term, () => {
      this.log('warn', `ffmpeg did not exit ${term} ms after its inputs ended; sending SIGTERM`);
      this.signal('SIGTERM');
      this.later(kill, () => {
        this.log('warn', `ffmpeg ignored SIGTERM for ${kill} ms; sending SIGKILL`);
        this.signal('SIGKILL');
      });
    });
    return this.exited;
  }

  /** Kills whatever runs (SIGKILL, no grace) and clears every timer; resolves when it is gone. */
  async dispose(): Promise<void> {
    if (this.finished) return;
    this.requested = true;
    if (!this.child) {
      this.finish({ code: null, signal: null }, null);
      return;
    }
    if (this.current !== 'stopping') this.setState('stopping');
    this.signal('SIGKILL');
    await this.exited;
  }

  private signal(sig: NodeJS.Signals): void {
    const child = this.child;
    if (!child || this.exitStatus || child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill(sig);
    } catch (error) {
      this.log('warn', `could not send ${sig} to ffmpeg`, { error: String(error) });
    }
  }

  private later(ms: number, fn: () => void): void {
    const handle = this.opts.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
  }

  private stderr(text: string): void {
    const parts = (this.stderrPartial + text).split(/\r\n|\n|\r/);
    this.stderrPartial = (parts.pop() ?? '').slice(-MAX_STDERR_LINE);
    for (const part of parts) this.stderrLine(part);
  }

  private stderrLine(raw: string): void {
    const line = this.scrub(raw.trimEnd()).slice(0, MAX_STDERR_LINE);
    if (!line) return;
    if (/^Output #0/.test(line)) this.outputOpened = true;
    if (!this.fatalSeen && !this.requested && FATAL.test(line)) {
      this.fatalSeen = true;
      this.later(FATAL_GRACE_MS, () => {
        if (!this.finished && this.exitStatus === null) this.signal('SIGKILL');
      });
    }
    this.ring.push(line);
    if (this.ring.length > (this.opts.stderrLines ?? 60)) this.ring.shift();
    this.log('debug', 'ffmpeg', { stderr: line });
  }

  private finishFromExit(): void {
    if (this.finished) return;
    if (this.stderrPartial) {
      this.stderrLine(this.stderrPartial);
      this.stderrPartial = '';
    }
    const status = this.exitStatus ?? { code: this.child?.exitCode ?? null, signal: this.child?.signalCode ?? null };
    const failure = this.requested
      ? null
      : classifyExit(this.ring, { code: status.code, signal: status.signal, outputOpened: this.outputOpened });
    this.finish(status, failure);
  }

  private finish(status: { code: number | null; signal: NodeJS.Signals | null }, failure: ExitFailure | null): void {
    if (this.finished) return;
    for (const handle of this.timers) this.opts.clock.clearTimeout(handle);
    this.timers.clear();
    const child = this.child;
    if (child) {
      for (const stream of child.stdio) stream?.destroy();
      child.removeAllListeners();
      // Late pipe errors after destroy must still have a listener.
      for (const stream of child.stdio) stream?.on('error', () => {});
    }
    const info: ExitInfo = { ...status, requested: this.requested, failure, stderr: [...this.ring] };
    this.finished = info;
    this.log(failure ? 'warn' : 'info', 'ffmpeg exited', {
      code: status.code,
      signal: status.signal,
      requested: this.requested,
      ...(failure ? { failure: failure.kind, message: failure.error.message, stderr: this.ring.slice(-8) } : {}),
    });
    this.setState('exited');
    this.opts.onExit?.(info);
    this.resolveExited(info);
  }

  private setState(next: ProcessState): void {
    if (this.current === next) return;
    this.current = next;
    this.opts.onState?.(next);
  }

  private scrub(text: string): string {
    return redact(text, this.secrets);
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    const scrubbed: Record<string, unknown> = { process: this.opts.label ?? 'ffmpeg' };
    for (const [k, v] of Object.entries(fields ?? {})) {
      scrubbed[k] = typeof v === 'string' ? this.scrub(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? this.scrub(x) : x)) : v;
    }
    this.opts.logger.log(level, this.scrub(message), scrubbed);
  }
}
