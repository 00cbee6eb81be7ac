/**
 * Reusable frame-message buffers (header + payload, with their views). Both bridges copy a message
 * before sendFrame returns (ws.send copies; Electron IPC structured-clones), so a released message
 * is reused at once. Should a bridge ever transfer instead, the buffer comes back detached and the
 * pool quietly replaces it.
 */
import { FRAME_HEADER_BYTES } from '../../shared';

export interface FrameMessage {
  buffer: ArrayBuffer;
  header: DataView;
  payload: Uint8Array;
}

export class FramePool {
  private free: FrameMessage[] = [];
  private payloadBytes = 0;

  /** Changes the payload size; messages of the old size are dropped. */
  resize(payloadBytes: number): void {
    if (payloadBytes === this.payloadBytes) return;
    this.payloadBytes = payloadBytes;
    this.free = [];
  }

  acquire(): FrameMessage {
    const m = this.free.pop();
    if (m) return m;
    const buffer = new ArrayBuffer(FRAME_HEADER_BYTES + this.payloadBytes);
    return {
      buffer,
      header: new DataView(buffer, 0, FRAME_HEADER_BYTES),
      payload: new Uint8Array(buffer, FRAME_HEADER_BYTES, this.payloadBytes),
    };
  }

  release(m: FrameMessage): void {
    const intact = m.buffer.byteLength === FRAME_HEADER_BYTES + this.payloadBytes;
    if (intact && this.free.length < 4) this.free.push(m);
  }
}
