/**
 * Asynchronous readback through a ring of PIXEL_PACK_BUFFERs. start() queues readPixels into a free
 * buffer and drops a fence; poll() (on a later tick) hands over only buffers whose fence has
 * signalled, oldest first, so getBufferSubData never stalls the frame clock on the GPU.
 */
interface Slot {
  buffer: WebGLBuffer;
  sync: WebGLSync | null;
  sequence: number;
  captureMs: number;
}

export type Deliver = (copyInto: (dst: Uint8Array) => void, sequence: number, captureMs: number) => void;

export class ReadbackRing {
  private readonly slots: Slot[] = [];
  private head = 0;
  private count = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    readonly bytes: number,
    size = 3,
  ) {
    // Storage comes with each read (start): sized here, it would count as a write of its own.
    for (let i = 0; i < size; i++) this.slots.push({ buffer: gl.createBuffer(), sync: null, sequence: 0, captureMs: 0 });
  }

  get pending(): number {
    return this.count;
  }

  get hasFree(): boolean {
    return this.count < this.slots.length;
  }

  /** Reads width×height RGBA from the bound READ_FRAMEBUFFER; false when every buffer is busy. */
  start(width: number, height: number, sequence: number, captureMs: number): boolean {
    if (!this.hasFree) return false;
    const gl = this.gl;
    const slot = this.slots[(this.head + this.count) % this.slots.length] as Slot;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, slot.buffer);
    // Fresh storage for every read. Chromium keeps a shared-memory shadow of a READ buffer written
    // before a fence, for getBufferSubData to read without a round trip; a buffer read into again
    // while it still had one logged a performance warning per frame, and after 256 of them the
    // context reported no WebGL errors at all. The CPU cost is the same either way, within noise
    // (bench/readback-storage.mjs).
    gl.bufferData(gl.PIXEL_PACK_BUFFER, this.bytes, gl.STREAM_READ);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    slot.sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    slot.sequence = sequence;
    slot.captureMs = captureMs;
    this.count++;
    // Without a flush the fence may never reach the GPU and never signal.
    gl.flush();
    return true;
  }

  poll(deliver: Deliver): void {
    const gl = this.gl;
    while (this.count > 0) {
      const slot = this.slots[this.head] as Slot;
      if (slot.sync) {
        const status = gl.getSyncParameter(slot.sync, gl.SYNC_STATUS) as number;
        if (status !== gl.SIGNALED) return;
      }
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, slot.buffer);
      try {
        deliver(this.copy, slot.sequence, slot.captureMs);
      } finally {
        // Released even when delivery throws, so one bad frame cannot wedge the ring.
        gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
        this.release(slot);
      }
    }
  }

  private readonly copy = (dst: Uint8Array): void => {
    this.gl.getBufferSubData(this.gl.PIXEL_PACK_BUFFER, 0, dst, 0, this.bytes);
  };

  /** Forgets every queued readback (ownership lost, size changed). */
  clear(): void {
    while (this.count > 0) this.release(this.slots[this.head] as Slot);
    this.head = 0;
  }

  private release(slot: Slot): void {
    if (slot.sync) this.gl.deleteSync(slot.sync);
    slot.sync = null;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
  }

  dispose(): void {
    this.clear();
    for (const s of this.slots) this.gl.deleteBuffer(s.buffer);
    this.slots.length = 0;
  }
}
