/**
 * A loopback StudioBridge for the scratch page: records frames the compositor sends and acks video
 * frames like the engine would (or holds acks back, to exercise flow control).
 */
import {
  FRAME_HEADER_BYTES,
  FrameKind,
  ok,
  readFrameHeader,
  type FrameHeader,
  type RendererStats,
  type StudioBridge,
} from '../../../shared';

export class FakeBridge implements StudioBridge {
  readonly host = 'server' as const;
  autoAck = true;
  video: FrameHeader[] = [];
  audio: FrameHeader[] = [];
  lastVideo: Uint8Array | null = null;
  lastAudio: Int16Array | null = null;
  statsReports: RendererStats[] = [];
  private ackers = new Set<(s: number) => void>();
  private held: number[] = [];

  async invoke(): Promise<never> {
    return ok(null) as never;
  }
  subscribe(): () => void {
    return () => {};
  }
  sendFrame(message: ArrayBuffer): void {
    const h = readFrameHeader(new DataView(message));
    if (!h) throw new Error('bad frame header');
    if (h.kind === FrameKind.Video) {
      this.video.push(h);
      this.lastVideo = new Uint8Array(message.slice(FRAME_HEADER_BYTES));
      if (this.autoAck) queueMicrotask(() => this.ack(h.sequence));
      else this.held.push(h.sequence);
    } else {
      this.audio.push(h);
      this.lastAudio = new Int16Array(message.slice(FRAME_HEADER_BYTES));
    }
  }
  releaseAcks(): void {
    for (const s of this.held.splice(0)) this.ack(s);
  }
  private ack(s: number): void {
    for (const l of this.ackers) l(s);
  }
  onFrameAck(listener: (sequence: number) => void): () => void {
    this.ackers.add(listener);
    return () => this.ackers.delete(listener);
  }
  reportStats(stats: RendererStats): void {
    this.statsReports.push(stats);
  }
  mediaUrl(path: string): string {
    return path;
  }
}
