/**
 * The replay buffer's memory: the main encoding's MPEG-TS, as it comes from its own fan-out tap
 * (which starts it at a keyframe), kept as whole GOPs. The oldest GOP goes as soon as the ones after
 * it still cover the replay time, or while the memory cap is exceeded, so the ring holds between
 * maxMs and maxMs + one GOP (never less than one GOP). Nothing is decoded or encoded again: a
 * snapshot is the PAT/PMT followed by the kept packets, cut before the frame still arriving.
 *
 * Time comes from the video PES headers' PTS (90 kHz), so the length is right whatever the frame
 * rate and however the encoder's timeline was continued after a restart.
 */
import { Writable } from 'node:stream';
import { TS_PACKET, TsReader } from '../ts-packets';

interface Gop {
  chunks: Buffer[];
  bytes: number;
  /** PTS of its keyframe, 90 kHz, unwrapped. */
  firstPts: number;
  frames: number;
  /** Bytes up to the start of its latest frame (which may still be arriving). */
  completeBytes: number;
  /** Frames before its latest one, and the latest PTS among them (-1: none). */
  completeFrames: number;
  completePts: number;
  /** The latest PTS among all its frames. */
  maxPts: number;
}

export interface ReplaySnapshot {
  /** PAT + PMT + whole frames from a keyframe on: a complete MPEG-TS. */
  data: Buffer;
  frames: number;
  /** Media time the snapshot covers, from its first frame to the end of its last. */
  durationMs: number;
  /** Where its first and its last frame lie on the encoder's timeline (PTS, ms). */
  firstPtsMs: number;
  lastPtsMs: number;
}

export interface ReplayRingOptions {
  /** Keep this much media time (OBS's Maximum Replay Time). */
  maxMs: number;
  /** And at most this many bytes (OBS's Maximum Memory), the newest GOP excepted. */
  maxBytes: number;
  /** One frame's duration, ms: the last frame's length. */
  frameMs: number;
}

const PTS_HZ = 90;
const WRAP = 2 ** 33;

/** The PTS of the PES that starts in this packet, or null when it has none. */
export function ptsAt(data: Buffer, at: number): number | null {
  const afc = (data[at + 3]! >> 4) & 0x3;
  if ((afc & 0x1) === 0) return null;
  const p = at + 4 + (afc & 0x2 ? 1 + data[at + 4]! : 0);
  if (p + 14 > at + TS_PACKET) return null;
  if (data[p] !== 0 || data[p + 1] !== 0 || data[p + 2] !== 1) return null;
  if ((data[p + 7]! & 0x80) === 0) return null;
  const b = p + 9;
  return (
    ((data[b]! >> 1) & 0x07) * 2 ** 30 +
    (data[b + 1]! << 22) +
    ((data[b + 2]! >> 1) << 15) +
    (data[b + 3]! << 7) +
    (data[b + 4]! >> 1)
  );
}

export class ReplayRing extends Writable {
  private readonly reader = new TsReader();
  private gops: Gop[] = [];
  private total = 0;
  private lastRaw: number | null = null;
  private wraps = 0;
  /** Frames taken in since the start, and the PTS of the first one (ms); for status and tests. */
  framesIn = 0;
  firstPtsMs: number | null = null;

  constructor(private readonly opts: ReplayRingOptions) {
    super({ decodeStrings: true });
  }

  /** Bytes held. */
  get bytes(): number {
    return this.total;
  }

  /** Media time held, first keyframe to the latest frame's end; 0 while empty. */
  get durationMs(): number {
    const first = this.gops[0];
    const last = this.gops[this.gops.length - 1];
    if (!first || !last) return 0;
    return (last.maxPts - first.firstPts) / PTS_HZ + this.opts.frameMs;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.take(chunk);
    done();
  }

  /** Parses and keeps a piece of the stream (public for tests; the tap writes through _write). */
  take(bytes: Buffer): void {
    const parsed = this.reader.push(bytes);
    if (!parsed) return;
    const { data, keys, frames } = parsed;
    let from = 0;
    for (const at of frames) {
      const raw = ptsAt(data, at);
      const pts = raw === null ? null : this.unwrap(raw);
      if (keys.includes(at) && pts !== null) {
        this.append(data.subarray(from, at));
        from = at;
        this.gops.push({ chunks: [], bytes: 0, firstPts: pts, frames: 0, completeBytes: 0, completeFrames: 0, completePts: -1, maxPts: pts });
        this.firstPtsMs ??= pts / PTS_HZ;
      }
      const gop = this.gops[this.gops.length - 1];
      if (!gop) continue;
      // Everything before this frame's first packet is complete.
      gop.completeBytes = gop.bytes + (at - from);
      gop.completeFrames = gop.frames;
      gop.completePts = gop.frames > 0 ? gop.maxPts : -1;
      gop.frames++;
      this.framesIn++;
      if (pts !== null && pts > gop.maxPts) gop.maxPts = pts;
    }
    this.append(data.subarray(from));
    this.trim();
  }

  /** What a save writes now, or null when not even one whole frame is held. */
  snapshot(): ReplaySnapshot | null {
    const last = this.gops[this.gops.length - 1];
    if (!last) return null;
    const whole = last.completeFrames > 0 ? this.gops : this.gops.slice(0, -1);
    const first = whole[0];
    if (!first) return null;
    const parts: Buffer[] = [this.reader.psi()];
    let frames = 0;
    let endPts = first.firstPts;
    for (const gop of whole) {
      if (gop === last) {
        let left = gop.completeBytes;
        for (const c of gop.chunks) {
          if (left <= 0) break;
          parts.push(c.length <= left ? c : c.subarray(0, left));
          left -= c.length;
        }
        frames += gop.completeFrames;
        endPts = Math.max(endPts, gop.completePts);
      } else {
        parts.push(...gop.chunks);
        frames += gop.frames;
        endPts = Math.max(endPts, gop.maxPts);
      }
    }
    return {
      data: Buffer.concat(parts),
      frames,
      durationMs: (endPts - first.firstPts) / PTS_HZ + this.opts.frameMs,
      firstPtsMs: first.firstPts / PTS_HZ,
      lastPtsMs: endPts / PTS_HZ,
    };
  }

  /** Forgets everything (the buffer stopped). */
  clear(): void {
    this.gops = [];
    this.total = 0;
  }

  private append(part: Buffer): void {
    const gop = this.gops[this.gops.length - 1];
    if (!gop || part.length === 0) return;
    // A copy: a fan-out batch may be much larger than what is kept of it.
    gop.chunks.push(Buffer.from(part));
    gop.bytes += part.length;
    this.total += part.length;
  }

  private trim(): void {
    const maxPts = this.opts.maxMs * PTS_HZ;
    for (;;) {
      const [oldest, next] = this.gops;
      const last = this.gops[this.gops.length - 1];
      if (!oldest || !next || !last) return;
      const restCovers = last.maxPts - next.firstPts + this.opts.frameMs * PTS_HZ >= maxPts;
      if (!restCovers && this.total <= this.opts.maxBytes) return;
      this.gops.shift();
      this.total -= oldest.bytes;
    }
  }

  /** PTS are 33-bit and wrap after 26.5 hours; times here keep growing. */
  private unwrap(raw: number): number {
    if (this.lastRaw !== null && raw < this.lastRaw - WRAP / 2) this.wraps++;
    else if (this.lastRaw !== null && raw > this.lastRaw + WRAP / 2 && this.wraps > 0) this.wraps--;
    this.lastRaw = raw;
    return raw + this.wraps * WRAP;
  }
}
