/**
 * Sits between the recording's fan-out tap and FFmpeg's stdin and hands FFmpeg whole video frames
 * only, holding back the frame still arriving (the fan-out's chunks end wherever the encoder's
 * writes did). So when a recording stops, FFmpeg's input ends on a frame boundary: MPEG-TS cut
 * mid-frame becomes a torn last frame in the file, which every decoder reports as an error. A stop
 * therefore loses at most the one frame in progress.
 *
 * Chunks wait in this stream's own queue while FFmpeg's pipe is full, so its writableLength is the
 * backlog the tap measures against its limit, as it would be with the pipe itself.
 */
import { Writable } from 'node:stream';
import type { Clock } from '../../api';
import { TsReader } from '../ts-packets';

/** A frame still arriving past this size is passed on anyway: there is no frame boundary to wait for. */
const MAX_HELD_BYTES = 8 * 1024 * 1024;

export class FrameGate extends Writable {
  private readonly reader = new TsReader();
  private held: Buffer[] = [];
  private heldBytes = 0;
  private closing: Promise<void> | null = null;
  private waiting: (() => void) | null = null;

  constructor(
    private readonly out: Writable,
    private readonly maxHeldBytes = MAX_HELD_BYTES,
  ) {
    super();
    // Nothing is ever passed to a callback as an error, but a write after destroy() is reported this way.
    this.on('error', () => {});
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const parsed = this.reader.push(chunk);
    if (!parsed) return done();
    const last = parsed.frames[parsed.frames.length - 1];
    if (last === undefined && this.heldBytes + parsed.data.length <= this.maxHeldBytes) {
      this.held.push(parsed.data);
      this.heldBytes += parsed.data.length;
      return done();
    }
    const cut = last ?? parsed.data.length;
    const ready = [...this.held, parsed.data.subarray(0, cut)];
    this.held = cut < parsed.data.length ? [parsed.data.subarray(cut)] : [];
    this.heldBytes = parsed.data.length - cut;
    this.forward(ready.length === 1 ? ready[0]! : Buffer.concat(ready), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    // The frame in progress stays out: its end will never come.
    this.held = [];
    this.heldBytes = 0;
    this.out.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.held = [];
    this.heldBytes = 0;
    this.release();
    done(error);
  }

  /**
   * Ends the input once what was written has reached FFmpeg's pipe, or after `ms` regardless (a
   * stalled FFmpeg is then stopped by signals). Resolves either way; never rejects.
   */
  close(clock: Clock, ms: number): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const finish = (): void => {
        clock.clearTimeout(timer);
        this.off('finish', finish);
        this.off('close', finish);
        resolve();
      };
      const timer = clock.setTimeout(finish, ms);
      this.once('finish', finish);
      this.once('close', finish);
      if (this.writableFinished || this.destroyed) finish();
      else this.end();
    });
    return this.closing;
  }

  private forward(data: Buffer, done: () => void): void {
    if (data.length === 0 || this.out.destroyed || this.out.writableEnded) return done();
    if (this.out.write(data)) return done();
    const go = (): void => {
      this.out.off('drain', go);
      this.out.off('close', go);
      this.waiting = null;
      done();
    };
    this.waiting = go;
    this.out.on('drain', go);
    this.out.on('close', go);
  }

  /** Lets a write waiting on a pipe that will never drain go. */
  private release(): void {
    this.waiting?.();
  }
}
