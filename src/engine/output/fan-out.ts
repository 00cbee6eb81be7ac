/**
 * Copies one rendition's encoded MPEG-TS to every pusher that sends it somewhere. The encoder's
 * pipe is read as fast as it is written and never paused, so no pusher can slow the encoder, the
 * recording or another pusher. Each pusher gets a tap with its own bounded buffer instead: when a
 * pusher cannot keep up (a slow or stalled network), the tap drops whole packets for it alone
 * (counted as its dropped frames) and resumes at the next keyframe, so what it does send decodes.
 */
import type { Writable } from 'node:stream';
import { TsReader, withoutVideo, type TsChunk } from './ts-packets';

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
  /** Decode time of the last frame written to the sink (90 kHz), for a handover's cut. */
  private lastStamp = NaN;
  /** A tap on another fan-out that takes this one's sink over at a keyframe (see handOver). */
  private successor: Tap | null = null;
  /** While handing over: what this tap got since, kept until the successor's keyframe says where to cut. */
  private waiting: TsChunk[] = [];
  private waitingBytes = 0;
  /** Where the successor starts (90 kHz): this tap writes frames before it, then lets go. */
  private cutAt = NaN;
  /** While taking over: the tap still owning the sink, and what this one holds until it lets go. */
  private predecessor: Tap | null = null;
  private held: { data: Buffer; frames: number }[] = [];
  private heldBytes = 0;
  private heldFrom = NaN;
  /** Pictures are passed on (an audio-only switch turns them off; they come back at a keyframe). */
  private video = true;
  /** Pictures come back at the next keyframe; they stop after the frame in progress. */
  private videoFromKey = false;
  private videoUntilFrame = false;
  /** Pictures still to pass before they stop (a connection opened for sound only; see soundOnly). */
  private probeLeft = 0;

  constructor(
    private readonly owner: FanOut,
    private readonly sink: Writable,
    private readonly maxBytes: number,
    private readonly c = { bytes: 0, frames: 0, dropped: 0, overflows: 0 },
  ) {}

  counters(): TapCounters {
    const waiting = this.closed ? 0 : this.sink.writableLength;
    return { ...this.c, congestion: Math.min(1, waiting / this.maxBytes) };
  }

  /** Whether it has started at a keyframe yet. */
  get joined(): boolean {
    return this.everSynced;
  }

  /** Detaches from the fan-out; nothing more is written. A successor waiting on it takes over now. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.detach(this);
    this.predecessor?.close();
    this.predecessor = null;
    const next = this.successor;
    this.successor = null;
    next?.takeOver();
  }

  /**
   * Moves this tap's sink to another fan-out whose encoder shares this one's timeline (a rendition
   * changed while live), so the sink (a pusher's pipe: one connection) sees one continuous stream.
   * From now on this tap keeps what it gets instead of writing it; the new tap waits for its first
   * keyframe later than the sink's last frame; then this one writes what it kept up to the frame
   * before that keyframe and lets go, and the new one writes on from the keyframe. The sink gets
   * nothing for that while (at most a GOP and an encoder's start), then every frame, in order.
   * Returns the new tap, which carries the counters on.
   */
  handOver(next: FanOut): Tap {
    const tap = next.tap(this.sink, this.maxBytes, this.c);
    tap.video = this.video;
    tap.probeLeft = this.probeLeft;
    if (this.closed || !this.synced) {
      this.close();
      return tap;
    }
    tap.predecessor = this;
    this.successor = tap;
    return tap;
  }

  /**
   * Turns the pictures off or on for this sink, on the same connection: off, only sound and tables
   * go on from the next chunk; on, pictures come back from the next keyframe.
   */
  setVideo(on: boolean): void {
    this.probeLeft = 0;
    if (on === this.video) return;
    this.video = on;
    this.videoFromKey = on;
    this.videoUntilFrame = !on;
  }

  /**
   * A connection that sends sound only, but on which pictures can come back (setVideo) without
   * reconnecting: its FFmpeg must know the pictures' size when it opens, and learns it from the
   * first `frames` pictures from the first keyframe, which this tap passes before it stops them
   * (the pusher drops them again: buildPusherArgs' soundOnlyFrames).
   */
  soundOnly(frames: number): void {
    this.video = true;
    this.videoFromKey = false;
    this.videoUntilFrame = false;
    this.probeLeft = frames;
  }

  offer(whole: TsChunk, psi: () => Buffer): void {
    if (this.closed || !this.sink.writable) return;
    let chunk = this.pictures(whole);
    if (this.predecessor) return this.hold(chunk, psi);
    if (this.successor && !Number.isNaN(this.cutAt)) return this.writeUntilCut([chunk]);
    if (this.successor) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.data.length;
      // The successor takes too long to reach a keyframe: stop keeping, it joins when it can.
      if (this.waitingBytes > this.maxBytes) this.close();
      return;
    }
    if (this.synced) {
      chunk = this.probed(chunk, 0);
      if (this.fits(chunk.data.length)) {
        this.noteStamp(chunk);
        return this.write(chunk.data, chunk.frames.length);
      }
      // Overflow: this pusher is behind. Drop for it alone and wait for a keyframe to resume, but
      // first finish the frame in progress when it ends in this chunk, so no half frame goes out.
      this.synced = false;
      this.c.overflows++;
      const end = chunk.frames[0];
      if (end !== undefined && end > 0 && this.fits(end)) this.write(chunk.data.subarray(0, end), 0);
      this.c.dropped += chunk.frames.length;
      return;
    }
    // (Re)joining: at a keyframe, or anywhere while pictures are off (sound needs none).
    const key = this.video ? chunk.keys[0] : 0;
    const before = key === undefined ? chunk.frames.length : chunk.frames.filter((f) => f < key).length;
    // Frames skipped while waiting to (re)join count as dropped only after a first join.
    if (this.everSynced) this.c.dropped += before;
    if (key === undefined) return;
    chunk = this.probed(chunk, before);
    const head = psi();
    const tail = chunk.data.subarray(key);
    const frames = chunk.frames.length - before;
    if (!this.fits(head.length + tail.length)) {
      if (this.everSynced) this.c.dropped += frames;
      return;
    }
    this.synced = true;
    this.everSynced = true;
    this.noteStamp(chunk);
    if (head.length) this.write(head, 0);
    this.write(tail, frames);
  }

  /** A successor's data while its predecessor owns the sink: from its first keyframe after the sink's last frame. */
  private hold(chunk: TsChunk, psi: () => Buffer): void {
    const pred = this.predecessor!;
    if (this.heldBytes > 0) {
      this.held.push({ data: chunk.data, frames: chunk.frames.length });
      this.heldBytes += chunk.data.length;
      this.noteStamp(chunk);
      // The predecessor's encoder has stopped or fallen far behind: take over now.
      if (this.heldBytes > this.maxBytes) pred.close();
      return;
    }
    const after = pred.lastStamp;
    const i = chunk.frames.findIndex((at, n) => chunk.keys.includes(at) && !(chunk.stamps[n]! <= after));
    if (i < 0) return;
    const head = psi();
    if (head.length) this.held.push({ data: head, frames: 0 });
    this.held.push({ data: chunk.data.subarray(chunk.frames[i]!), frames: chunk.frames.length - i });
    this.heldFrom = chunk.stamps[i]!;
    this.heldBytes = head.length + chunk.data.length - chunk.frames[i]!;
    this.noteStamp(chunk);
    pred.cutBefore(this.heldFrom);
  }

  /**
   * The successor starts at `from`: what was kept goes out up to the frame before it, then this
   * tap lets go. When nothing kept reaches `from` yet, it writes on until a frame does.
   */
  private cutBefore(from: number): void {
    const kept = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    this.cutAt = from;
    this.writeUntilCut(kept);
  }

  private writeUntilCut(chunks: TsChunk[]): void {
    for (const chunk of chunks) {
      const cut = chunk.stamps.findIndex((t) => !(t < this.cutAt));
      if (cut < 0 && this.synced && this.fits(chunk.data.length)) {
        this.noteStamp(chunk);
        this.write(chunk.data, chunk.frames.length);
        continue;
      }
      const end = cut < 0 ? 0 : chunk.frames[cut]!;
      if (this.synced && end > 0 && this.fits(end)) this.write(chunk.data.subarray(0, end), cut);
      this.close();
      return;
    }
  }

  /** The predecessor is done: what this tap held goes out, and it writes on its own from now on. */
  private takeOver(): void {
    this.predecessor = null;
    if (this.closed) return;
    if (this.heldBytes === 0) return; // no keyframe yet: it joins at the next one, as a new tap does
    this.synced = true;
    this.everSynced = true;
    for (const h of this.held) this.write(h.data, h.frames);
    this.held = [];
    this.heldBytes = 0;
  }

  /** While the first pictures of a sound-only connection pass: the chunk up to the last of them (from frame `first`). */
  private probed(chunk: TsChunk, first: number): TsChunk {
    if (this.probeLeft <= 0) return chunk;
    const end = first + this.probeLeft;
    if (end < chunk.frames.length) {
      this.probeLeft = 0;
      this.video = false;
      this.videoUntilFrame = false;
      return withoutVideo(chunk, chunk.frames[end]!);
    }
    this.probeLeft -= chunk.frames.length - first;
    if (this.probeLeft === 0) {
      // The last of them started in this chunk: it ends where the next picture starts.
      this.video = false;
      this.videoUntilFrame = true;
    }
    return chunk;
  }

  /** The chunk as this sink takes it: without pictures while they are off or not yet back at a keyframe. */
  private pictures(chunk: TsChunk): TsChunk {
    if (!this.video && this.videoUntilFrame) {
      // The picture in progress ends where the next one starts: it goes out whole.
      const next = chunk.frames[0];
      if (next === undefined) return chunk;
      this.videoUntilFrame = false;
      return withoutVideo(chunk, next);
    }
    if (!this.video) return withoutVideo(chunk);
    if (!this.videoFromKey) return chunk;
    const key = chunk.keys[0];
    if (key === undefined) return withoutVideo(chunk);
    this.videoFromKey = false;
    return withoutVideo(chunk, 0, key);
  }

  private noteStamp(chunk: TsChunk): void {
    const last = chunk.stamps[chunk.stamps.length - 1];
    if (last !== undefined && !Number.isNaN(last)) this.lastStamp = last;
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
  /** The mixer tracks its audio streams carry, in order (audio-tracks.ts); default track 1 alone. */
  audioTracks?: readonly number[];
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
  /** Video frames received from the encoder (each restart's encoder adds its own). */
  framesIn = 0;

  constructor(private readonly opts: FanOutOptions = {}) {}

  /** The mixer tracks of its audio streams, in order: a reader maps track t as `0:a:<index of t>`. */
  get audioTracks(): readonly number[] {
    return this.opts.audioTracks ?? [1];
  }

  /** A new reader of this stream; it receives data from the next keyframe on. */
  tap(sink: Writable, maxBytes: number, counters?: { bytes: number; frames: number; dropped: number; overflows: number }): Tap {
    const tap = new Tap(this, sink, Math.max(1, maxBytes), counters);
    this.taps.add(tap);
    return tap;
  }

  detach(tap: Tap): void {
    this.taps.delete(tap);
  }

  /** Its encoder is gone for good: every tap detaches (one being handed over finishes the move now). */
  end(): void {
    for (const tap of [...this.taps]) tap.close();
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
      this.handOn(Buffer.concat(this.pending));
    }
    this.reader.dropPartial();
  }

  /** The encoder's output ended: what waits for the next batch is handed on now. */
  flush(): void {
    if (this.pending.length > 0) this.handOn(Buffer.concat(this.pending));
  }

  /** Encoded bytes as they come from the encoder's pipe. */
  push(bytes: Buffer): void {
    this.bytesIn += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    const now = (this.opts.now ?? performance.now.bind(performance))();
    if (now - this.flushedAt < (this.opts.batchMs ?? 0) && this.pendingBytes < (this.opts.batchBytes ?? 256 * 1024)) return;
    this.flushedAt = now;
    this.handOn(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending));
  }

  private handOn(batch: Buffer): void {
    this.pending = [];
    this.pendingBytes = 0;
    const chunk = this.reader.push(batch);
    if (!chunk) return;
    this.framesIn += chunk.frames.length;
    for (const tap of this.taps) tap.offer(chunk, this.psi);
  }
}
