/**
 * Sends the tap's PCM chunks (all six tracks) as audio frame messages while this renderer owns program output.
 * Sequences count sample frames from the first chunk after ownership was gained, just as video
 * sequences count ticks from then, so both streams share an origin.
 */
import {
  AUDIO_SAMPLE_RATE,
  AUDIO_WIRE_CHANNELS,
  AudioFormat,
  FRAME_HEADER_BYTES,
  FrameKind,
  writeFrameHeader,
  type StudioBridge,
} from '../../shared';
import { AudioClockMap } from './clock-map';
import type { AudioGraph } from './graph';

export class AudioSender {
  private owner = false;
  private origin: number | null = null;
  private message: ArrayBuffer | null = null;
  private header: DataView | null = null;
  private body: Uint8Array | null = null;
  private readonly off: () => void;
  private readonly clock = new AudioClockMap(AUDIO_SAMPLE_RATE);
  /** How long after the graph renders a sample it is heard, ms (smoothed), once known. */
  private heardLead: number | null = null;
  /** The lead the latest stamp used (contextTimeHeardAt inverts the same mapping). */
  private lastLead: number | null = null;
  private logged = false;
  chunksSent = 0;

  constructor(
    private readonly bridge: StudioBridge,
    private readonly graph: AudioGraph,
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
    // Stamped even while not owner, so the mapping is settled when ownership comes.
    const captureMs = this.stamp(frame, frame + pcm.length / AUDIO_WIRE_CHANNELS);
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
      // The six tracks' stereo pairs; the engine checks the count.
      height: AUDIO_WIRE_CHANNELS,
      sequence: frame - this.origin,
      // The first sample's time on the page clock, where the compositor stamps its frames.
      captureMs,
    });
    // Int16Array is little-endian on every platform the studio runs on, so this is s16le.
    this.body.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    this.bridge.sendFrame(this.message);
    this.chunksSent++;
  }

  /**
   * When the chunk's first sample is heard, on the page clock: where a media element shows the
   * picture that goes with it (the browser syncs its players' pictures to their heard sound), so
   * the engine can pair them. The graph renders ahead of the output by its latency; the context's
   * output timestamp says by how much. Where it says nothing (no output device), the tap's own
   * mapping (render time) plus the context's reported latencies stands in.
   */
  private stamp(startFrame: number, endFrame: number): number {
    const s = this.rendered(startFrame, endFrame);
    this.lastLead = s.lead;
    return s.at + s.lead;
  }

  /**
   * The context time (s) at which the graph must play a sample for it to be heard, by these
   * stamps, at page time `pageMs`: a source that knows when its sound was captured places it so
   * that its picture, delayed as much, goes out with it. Null until the first chunk was stamped.
   */
  contextTimeHeardAt(pageMs: number): number | null {
    const origin = this.clock.originMs;
    if (origin === null || this.lastLead === null) return null;
    return (pageMs - this.lastLead - origin) / 1000;
  }

  /** How long after the graph renders a sample it is heard, ms, as the latest stamp used; null before one. */
  get renderLead(): number | null {
    return this.lastLead;
  }

  /** A chunk's render time on the page clock and how long after it it is heard. */
  private rendered(startFrame: number, endFrame: number): { at: number; lead: number } {
    const now = performance.now();
    const rendered = this.clock.stamp(startFrame, endFrame, now);
    const ctx = this.graph.context;
    const ts = typeof ctx.getOutputTimestamp === 'function' ? ctx.getOutputTimestamp() : null;
    const heardAt = ts?.contextTime && ts.performanceTime ? ts.performanceTime + (startFrame / AUDIO_SAMPLE_RATE - ts.contextTime) * 1000 : NaN;
    const latencyMs = ((ctx.outputLatency || 0) + (ctx.baseLatency || 0)) * 1000;
    if (!this.logged && this.owner) {
      this.logged = true;
      console.info(`Audio: output latency ${(ctx.outputLatency * 1000).toFixed(1)} ms, base ${(ctx.baseLatency * 1000).toFixed(1)} ms; heard − rendered ${(heardAt - rendered).toFixed(1)} ms`);
    }
    // The output timestamp moves in steps as buffers go out: the render mapping plus its smoothed
    // distance keeps the stamps steady.
    if (Number.isFinite(heardAt) && heardAt >= rendered && heardAt - rendered < 1000) {
      this.heardLead = this.heardLead === null ? heardAt - rendered : this.heardLead + (heardAt - rendered - this.heardLead) * 0.01;
      return { at: rendered, lead: this.heardLead };
    }
    // A reading out of bounds (a stalled output) keeps the lead learnt so far: switching to the
    // reported latency and back would move the stamps by the difference, tens of ms.
    return { at: rendered, lead: this.heardLead ?? latencyMs };
  }

  dispose(): void {
    this.off();
    this.owner = false;
  }
}
