/**
 * One destination's state machine, independent of every other destination:
 *
 *   idle → connecting → live ⇄ reconnecting → connecting …       any → stopping → idle
 *                    ↘ failed (no retry: rejected key, invalid URL, or the first connect of a start failed)
 *
 * - Reconnecting waits a capped exponential backoff with jitter (1 s ×2 up to 60 s, ±20 %), then
 *   tries again; the attempt counter resets once a connection has stayed live for stableMs.
 * - A stall watchdog follows the bytes the pusher has actually handed to the network: no growth for
 *   stallMs while live counts as lost, even when TCP has not noticed. An attempt that is not live
 *   within connectTimeoutMs is lost the same way.
 * - A failure the classifier calls permanent (rejected key, bad URL) goes to failed with its cause.
 *   So does any failure before the first live of a start, as in OBS: the user just pressed Go Live
 *   and is told at once what is wrong instead of watching retries; reconnecting is for connections
 *   that worked and were lost.
 *
 * The pusher is behind the StartPush port so this logic runs on a fake clock in unit tests.
 */
import { Status, type DestinationState, type DestinationStats, type Result, type StudioError } from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import type { ExitFailure } from './classify-exit';

export interface PushCounters {
  /** Frames dropped for this pusher because it fell behind. */
  dropped: number;
  /** 0 … 1: how full its buffer is. */
  congestion: number;
}

/** One running pusher process (one connection attempt). */
export interface PushAttempt {
  /** Ends it cleanly (input closed, then TERM, then KILL); resolves when it is gone. */
  stop(): Promise<void>;
  /** Ends it at once; resolves when it is gone. */
  kill(): Promise<void>;
  counters(): PushCounters;
}

export interface PushEvents {
  /** Totals of this attempt: bytes handed to the network, frames sent. */
  progress(bytes: number, frames: number): void;
  /** It ended without being asked to; failure says why (null: it ended cleanly). */
  exit(failure: ExitFailure | null): void;
}

export type StartPush = (events: PushEvents) => Result<PushAttempt>;

export interface DestinationTiming extends BackoffPolicy {
  /** Live this long and the attempt counter starts over; default 60 s. */
  stableMs: number;
  /** No growth of bytes sent for this long while live counts as lost; default 10 s. */
  stallMs: number;
  /** Not live this long after an attempt starts (waiting for a keyframe, probing, connecting) counts as lost; default 30 s. */
  connectTimeoutMs: number;
}

export const DEFAULT_TIMING: DestinationTiming = { ...DEFAULT_BACKOFF, stableMs: 60_000, stallMs: 10_000, connectTimeoutMs: 30_000 };

export interface DestinationChange {
  id: string;
  name: string;
  state: DestinationState;
  /** The retry number (1 = first retry) while reconnecting and during the attempts that follow. */
  attempt: number;
  retryInMs?: number;
  error?: StudioError;
}

export interface DestinationRunnerOptions {
  id: string;
  name: string;
  clock: Clock;
  logger: Logger;
  timing?: Partial<DestinationTiming>;
  /** [0, 1) source for the jitter; Math.random by default. */
  random?: () => number;
  startPush: StartPush;
  onChange(change: DestinationChange): void;
}

/** A progress report older than this means nothing moves: the bitrate reads 0. */
const PROGRESS_STALE_MS = 2500;
const ACTIVE = new Set<DestinationState>(['connecting', 'live', 'reconnecting']);

export class DestinationRunner {
  readonly id: string;
  private name: string;
  private readonly timing: DestinationTiming;
  private current: DestinationState = 'idle';
  private push: PushAttempt | null = null;
  /** Bumped whenever an attempt ends, so a late event from an old pusher is ignored. */
  private gen = 0;
  private open = false;
  private retryTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private stopping: Promise<void> | null = null;
  private disposed = false;
  private everLive = false;
  private attempt = 0;
  private reconnects = 0;
  private liveSince: number | null = null;
  private lastError: StudioError | null = null;
  // This attempt.
  private startedAt = 0;
  private bytes = 0;
  private frames = 0;
  private grewAt = 0;
  private progressAt = 0;
  private rateKbps = 0;
  // Earlier attempts of this run.
  private baseBytes = 0;
  private baseFrames = 0;
  private baseDropped = 0;

  constructor(private readonly opts: DestinationRunnerOptions) {
    this.id = opts.id;
    this.name = opts.name;
    this.timing = { ...DEFAULT_TIMING, ...opts.timing };
  }

  state(): DestinationState {
    return this.current;
  }

  /** Connecting, live or reconnecting: it holds (or will soon hold) a connection. */
  active(): boolean {
    return ACTIVE.has(this.current);
  }

  error(): StudioError | null {
    return this.lastError;
  }

  rename(name: string): void {
    this.name = name;
  }

  /** Starts a new run from idle or failed: counters reset, first attempt now. */
  start(): boolean {
    if (this.disposed || this.active() || this.current === 'stopping') return false;
    this.everLive = false;
    this.attempt = 0;
    this.reconnects = 0;
    this.lastError = null;
    this.baseBytes = 0;
    this.baseFrames = 0;
    this.baseDropped = 0;
    this.connect();
    return true;
  }

  /**
   * Skips the wait: a reconnecting destination tries now, a failed one starts a new run, a live or
   * connecting one drops its connection and opens a fresh one.
   */
  reconnectNow(): boolean {
    if (this.disposed) return false;
    switch (this.current) {
      case 'reconnecting':
        this.connect();
        return true;
      case 'live':
      case 'connecting': {
        this.log('info', 'reconnecting now at the user’s request');
        const push = this.endAttempt();
        void push?.kill();
        this.reconnects++;
        this.liveSince = null;
        this.connect();
        return true;
      }
      case 'failed':
      case 'idle':
        return this.start();
      default:
        return false;
    }
  }

  /** Ends the connection cleanly and returns to idle. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.clearTimers();
    if (this.current === 'idle' || this.disposed) return Promise.resolve();
    if (this.current === 'failed') {
      this.set('idle');
      return Promise.resolve();
    }
    const push = this.push;
    this.set('stopping');
    this.stopping = (async () => {
      try {
        await push?.stop();
      } finally {
        this.endAttempt();
        this.liveSince = null;
        this.stopping = null;
        if (!this.disposed) this.set('idle');
      }
    })();
    return this.stopping;
  }

  /**
   * Something outside the connection broke (the rendition's encoder, an unusable URL): failed with
   * that cause. Resolves once its pusher is gone.
   */
  fail(error: StudioError): Promise<void> {
    if (this.disposed || this.current === 'stopping') return Promise.resolve();
    this.clearTimers();
    const push = this.endAttempt();
    this.toFailed(error);
    return push?.kill() ?? Promise.resolve();
  }

  /** Kills the pusher and clears every timer; no more events. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimers();
    const push = this.endAttempt();
    await push?.kill();
  }

  stats(): DestinationStats {
    const now = this.opts.clock.now();
    const fresh = this.progressAt > 0 && now - this.progressAt <= PROGRESS_STALE_MS;
    const live = this.current === 'live';
    const push = this.open ? this.push?.counters() : undefined;
    return {
      id: this.id,
      name: this.name,
      state: this.current,
      bitrateKbps: live && fresh ? Math.round(this.rateKbps) : 0,
      bytesSent: this.baseBytes + this.bytes,
      framesSent: this.baseFrames + this.frames,
      dropped: this.baseDropped + (push?.dropped ?? 0),
      reconnects: this.reconnects,
      uptimeMs: live && this.liveSince !== null ? now - this.liveSince : 0,
      congestion: push?.congestion ?? 0,
      lastError: this.lastError?.message ?? null,
      // The output fills these in from the audience monitor, which knows the receiving server.
      viewers: null,
      viewersNote: null,
    };
  }

  private connect(): void {
    this.clearTimers();
    const gen = this.gen;
    const now = this.opts.clock.now();
    this.open = true;
    this.startedAt = now;
    this.grewAt = now;
    this.bytes = 0;
    this.frames = 0;
    this.progressAt = 0;
    this.rateKbps = 0;
    this.set('connecting');
    const started = this.opts.startPush({
      progress: (bytes, frames) => {
        if (gen === this.gen) this.onProgress(bytes, frames);
      },
      exit: (failure) => {
        if (gen === this.gen) this.onExit(failure);
      },
    });
    if (gen !== this.gen) {
      // It ended while starting (reported synchronously); its exit has been handled.
      if (started.ok) void started.value.kill();
      return;
    }
    if (!started.ok) {
      this.endAttempt();
      this.toFailed(started.error);
      return;
    }
    this.push = started.value;
    this.arm();
  }

  private onProgress(bytes: number, frames: number): void {
    const now = this.opts.clock.now();
    if (this.progressAt > 0 && now > this.progressAt) {
      // bytes per ms × 8 = kbit/s
      this.rateKbps = (Math.max(0, bytes - this.bytes) * 8) / (now - this.progressAt);
    }
    this.progressAt = now;
    if (bytes > this.bytes) {
      this.bytes = bytes;
      this.grewAt = now;
    }
    this.frames = Math.max(this.frames, frames);
    if (this.current === 'connecting' && bytes > 0) {
      this.liveSince = now;
      this.everLive = true;
      this.lastError = null;
      this.set('live');
      this.arm();
    }
  }

  private onExit(failure: ExitFailure | null): void {
    this.endAttempt();
    if (this.current === 'stopping' || this.disposed) return;
    this.afterFailure(failure ?? { retryable: true, error: { code: Status.DestinationUnreachable, message: 'The connection to the server ended.' } });
  }

  private afterFailure(f: Pick<ExitFailure, 'retryable' | 'error'>): void {
    if (!f.retryable || !this.everLive) this.toFailed(f.error);
    else this.toReconnecting(f.error);
  }

  /** Watchdog: the next moment at which this attempt would count as lost, or null. */
  private deadline(): number | null {
    if (this.current === 'connecting') return this.startedAt + this.timing.connectTimeoutMs;
    if (this.current === 'live') return this.grewAt + this.timing.stallMs;
    return null;
  }

  private arm(): void {
    if (this.watchdog) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
    const at = this.deadline();
    if (at === null) return;
    // One timer per deadline, re-armed only when it fires early: progress events do not churn timers.
    this.watchdog = this.opts.clock.setTimeout(() => this.onWatchdog(), Math.max(0, at - this.opts.clock.now()));
  }

  private onWatchdog(): void {
    this.watchdog = null;
    const at = this.deadline();
    if (at === null) return;
    if (this.opts.clock.now() < at) return this.arm();
    const connecting = this.current === 'connecting';
    const seconds = Math.round((connecting ? this.timing.connectTimeoutMs : this.timing.stallMs) / 1000);
    const message = connecting
      ? `The server did not accept the stream within ${seconds} s; check the server URL and your network.`
      : `Nothing reached the server for ${seconds} s, so the connection counts as lost.`;
    this.log('warn', connecting ? 'connect timed out' : 'stall detected', { seconds });
    const push = this.endAttempt();
    void push?.kill();
    this.afterFailure({ retryable: true, error: { code: Status.DestinationUnreachable, message } });
  }

  private toReconnecting(error: StudioError): void {
    const now = this.opts.clock.now();
    if (this.liveSince !== null && now - this.liveSince >= this.timing.stableMs) this.attempt = 0;
    this.liveSince = null;
    this.attempt++;
    this.reconnects++;
    this.lastError = error;
    const delay = backoffDelay(this.attempt, this.timing, this.opts.random);
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.set('reconnecting', error, delay);
  }

  private toFailed(error: StudioError): void {
    this.clearTimers();
    this.liveSince = null;
    this.lastError = error;
    this.set('failed', error);
  }

  /** Closes the books on the current attempt (once) and returns its pusher, if still running. */
  private endAttempt(): PushAttempt | null {
    const push = this.push;
    if (this.watchdog) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
    if (!this.open) return push;
    this.open = false;
    this.gen++;
    this.baseBytes += this.bytes;
    this.baseFrames += this.frames;
    this.baseDropped += push?.counters().dropped ?? 0;
    this.bytes = 0;
    this.frames = 0;
    this.rateKbps = 0;
    this.push = null;
    return push;
  }

  private clearTimers(): void {
    if (this.retryTimer) this.opts.clock.clearTimeout(this.retryTimer);
    if (this.watchdog) this.opts.clock.clearTimeout(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }

  private set(state: DestinationState, error?: StudioError, retryInMs?: number): void {
    if (this.disposed) return;
    if (state === this.current && !error && retryInMs === undefined) return;
    this.current = state;
    this.log(error ? 'warn' : 'info', `destination ${state}`, {
      attempt: this.attempt,
      ...(retryInMs === undefined ? {} : { retryInMs }),
      ...(error ? { error: error.message } : {}),
    });
    this.opts.onChange({
      id: this.id,
      name: this.name,
      state,
      attempt: this.attempt,
      ...(retryInMs === undefined ? {} : { retryInMs }),
      ...(error ? { error } : {}),
    });
  }

  private log(level: 'info' | 'warn', message: string, fields?: Record<string, unknown>): void {
    this.opts.logger.log(level, message, { destination: this.name, ...fields });
  }
}
