/**
 * Sends the tap's PCM chunks as audio frame messages while this renderer owns program output.
 * Sequences count sample frames from the first chunk after ownership was gained, just as video
 * sequences count ticks from then, so both streams share an origin.
 */
import {
  AUDIO_CHANNELS,
  AUDIO_SAMPLE_RATE,
  AudioFormat,
  FRAME_HEADER_BYTES,
  FrameKind,
  writeFrameHeader,
  type StudioBridge,
} from '../../shared';
import type { AudioGraph } from './graph';

export class AudioSender {
  private owner = false;
  private origin: number | null = null;
  private message: ArrayBuffer | null = null;
  private header: DataView | null = null;
  private body: Uint8Array | null = null;
  private readonly off: () => void;
  chunksSent = 0;

  constructor(
    private readonly bridge: StudioBridge,
    graph: AudioGraph,
  ) {
    this.off = graph.onChunk((pcm, frame) => this.send(pcm, frame));
  }

  setOwner(owner: boolean): void {
    if (owner === this.owner) return;
    this.owner = owner;
    this.origin = null;
    this.chunksSent = 0;
  }

  private send(pcm: Int16Array, frame: number): void {
    if (!this.owner) return;
    this.origin ??= frame;
    const bytes = FRAME_HEADER_BYTES + pcm.byteLength;
    // Reused: both bridges copy before sendFrame returns; a transferring bridge would detach it.
    if (!this.message || !this.header || !this.body || this.message.byteLength !== bytes) {
      this.message = new ArrayBuffer(bytes);
      this.header = new DataView(this.message, 0, FRAME_HEADER_BYTES);
      this.body = new Uint8Array(this.message, FRAME_HEADER_BYTES);
    }
    writeFrameHeader(this.header, {
      kind: FrameKind.Audio,
      format: AudioFormat.S16LE,
      width: AUDIO_SAMPLE_RATE,
      height: AUDIO_CHANNELS,
      sequence: frame - this.origin,
      captureMs: performance.now(),
    });
    // Int16Array is little-endian on every platform the studio runs on, so this is s16le.
    this.body.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    this.bridge.sendFrame(this.message);
    this.chunksSent++;
  }

  dispose(): void {
    this.off();
    this.owner = false;
  }
}
