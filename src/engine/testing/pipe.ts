/**
 * For tests: a Writable whose reader may stop reading (a stalled pusher, FFmpeg's stdin while it is
 * busy). While blocked, writes queue up in writableLength, as they do in front of a real pipe.
 */
import { Writable } from 'node:stream';

export class Pipe extends Writable {
  readonly data: Buffer[] = [];
  blocked = false;
  private held: Array<() => void> = [];
  constructor() {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _e: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.data.push(Buffer.from(chunk));
    if (this.blocked) this.held.push(cb);
    else cb();
  }
  unblock(): void {
    this.blocked = false;
    for (const cb of this.held.splice(0)) cb();
  }
  bytes(): Buffer {
    return Buffer.concat(this.data);
  }
}
