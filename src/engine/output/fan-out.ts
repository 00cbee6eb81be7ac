/**
 * Copies one rendition's encoded MPEG-TS to every pusher that sends it somewhere. The encoder's
 * pipe is read as fast as it is written and never paused, so no pusher can slow the encoder, the
 * recording or another pusher. Each pusher gets a tap with its own bounded buffer instead: when a
 * pusher cannot keep up (a slow or stalled network), the tap drops whole packets for it alone
 * (counted as its dropped frames) and resumes at the next keyframe, so what it does send decodes.
 */
import type { Writable } from 'node:stream';
import { TsReader, type TsChunk } from './ts-packets';

export interface TapCounters {
  /** Bytes handed to the pusher's input pipe. */
  bytes: number;
  /** Video frames handed to it. */
  frames: number;
  /** Video frames it could not take in time, dropped for it alone. */
  dropped: number;
  /** Times its buffer overflowed (each one followed by a wait for a keyframe). */
  overflows: number;
  /** 0 = its buffer is empty … 1 = full. */
  congestion: number;
}

export class Tap {
  private synced = false;
  private everSynced = false;
  private closed = false;
  private readonly c = { bytes: 0, frames: 0, dropped: 0, overflows: 0 };

  constructor(
    private readonly owner: FanOut,
    private readonly sink: Writable,
    private readonly maxBytes: number,
  ) {}

  counters(): TapCounters {
    const waiting = this.closed ? 0 : this.sink.writableLength;
    return { ...this.c, congestion: Math.min(1, waiting / this.maxBytes) };
  }

  /** Whether it has started at a keyframe yet. */
  get joined(): boolean {
    return this.everSynced;
  }

  /** Detaches from the fan-out; nothing more is written. */
  close(): void {
    this.closed = true;
    this.owner.detach(this);
  }

  offer(chunk: TsChunk, psi: () => Buffer): void {
    if (this.closed || !this.sink.writable) return;
    if (this.synced) {
      if (this.fits(chunk.data.length)) return this.write(chunk.data, chunk.frames.length);
      // Overflow: this pusher is behind. Drop for it alone and wait for a keyframe to resume, but
      // first finish the frame in progress when it ends in this chunk, so no half frame goes out.
      this.synced = false;
      this.c.overflows++;
      const end = chunk.frames[0];
      if (end !== undefined && end > 0 && this.fits(end)) this.write(chunk.data.subarray(0, end), 0);
      this.c.dropped += chunk.frames.length;
      return;
    }
    const key = chunk.keys[0];
    const before = key === undefined ? chunk.frames.length : chunk.frames.filter((f) => f < key).length;
    // Frames skipped while waiting to (re)join count as dropped only after a first join.
    if (this.everSynced) this.c.dropped += before;
    if (key === undefined) return;
    const head = psi();
    const tail = chunk.data.subarray(key);
    const frames = chunk.frames.length - before;
    if (!this.fits(head.length + tail.length)) {
      if (this.everSynced) this.c.dropped += frames;
      return;
    }
    this.synced = true;
    this.everSynced = true;
    if (head.length) this.write(head, 0);
    this.write(tail, frames);
  }

  private fits(bytes: number): boolean {
    return this.sink.writableLength + bytes <= this.maxBytes;
  }

  private write(data: Buffer, frames: number): void {
    // write()'s false (past the stream's highWaterMark) is ignored on purpose: maxBytes is the limit.
    this.sink.write(data);
    this.c.bytes += data.length;
    this.c.frames += frames;
  }
}

export interface FanOutOptions {
  /**
   * Hand data on at most this often (default 0: as it comes). The encoder flushes every packet,
   * ~80 small writes a second; one write per 100 ms instead costs each pusher (an FFmpeg reading a
   * pipe) about 30 % less CPU, for at most that much more latency.
   */
  batchMs?: number;
  /** Batches are also handed on once this big; default 256 KiB. */
  batchBytes?: number;
  now?: () => number;
}

export class FanOut {
  private readonly reader = new TsReader();
  private readonly taps = new Set<Tap>();
  private readonly psi = (): Buffer => this.reader.psi();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private flushedAt = -Infinity;
  /** Bytes received from the encoder. */
  bytesIn = 0;

  constructor(private readonly opts: FanOutOptions = {}) {}

  /** A new reader of this stream; it receives data from the next keyframe on. */
  tap(sink: Writable, maxBytes: number): Tap {
    const tap = new Tap(this, sink, Math.max(1, maxBytes));
    this.taps.add(tap);
    return tap;
  }

  detach(tap: Tap): void {
    this.taps.delete(tap);
  }

  get tapCount(): number {
    return this.taps.size;
  }

  /**
   * A new encoder takes over the stream (a restart mid-stream): the old one's batch goes out, and
   * a packet it left half-written is dropped so the new one's packets stay aligned. Taps stay.
   */
  restart(): void {
    if (this.pending.length > 0) {
      const chunk = this.reader.push(Buffer.concat(this.pending));
      this.pending = [];
      this.pendingBytes = 0;
      if (chunk) for (const tap of this.taps) tap.offer(chunk, this.psi);
    }
    this.reader.dropPartial();
  }

  /** Encoded bytes as they come from the encoder's pipe. */
  push(bytes: Buffer): void {
    this.bytesIn += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    const now = (this.opts.now ?? performance.now.bind(performance))();
    if (now - this.flushedAt < (this.opts.batchMs ?? 0) && this.pendingBytes < (this.opts.batchBytes ?? 256 * 1024)) return;
    this.flushedAt = now;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    const chunk = this.reader.push(batch);
    if (!chunk) return;
    for (const tap of this.taps) tap.offer(chunk, this.psi);
  }
}
