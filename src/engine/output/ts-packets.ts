/**
 * Reads the MPEG-TS an encoder writes to its pipe, just enough to fan it out safely: whole 188-byte
 * packets (pipe reads split them anywhere), the PAT and PMT a late reader needs first, which PID
 * carries video, and where each video frame and each keyframe starts. A pusher that joins (or
 * rejoins after its buffer overflowed) starts at a keyframe, so its stream decodes from the first
 * byte. FFmpeg's muxer marks keyframes with the random-access flag of the adaptation field.
 */

export const TS_PACKET = 188;
const SYNC = 0x47;
const PAT_PID = 0;
/** PMT stream types that carry video: MPEG-2, MPEG-4 part 2, H.264, HEVC. */
const VIDEO_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24]);

export interface TsChunk {
  /** Whole packets only. */
  data: Buffer;
  /** Byte offsets (multiples of 188) of packets that start a video keyframe. */
  keys: number[];
  /** Byte offsets of packets that start a video frame (a video PES), keyframes included. */
  frames: number[];
  /**
   * Each frame's decode time (its PES header's DTS, else PTS; 90 kHz), index for index with frames;
   * NaN where the header cannot be read. Encoders that share one timeline stamp the same picture
   * alike, which is what lets a reader move from one to another without a gap or an overlap.
   */
  stamps: number[];
  /** The PID carrying video when this chunk was read (-1 before the PMT named one). */
  videoPid: number;
}

export class TsReader {
  private rest: Buffer | null = null;
  private pmtPid = -1;
  private videoPid = -1;
  private pat: Buffer | null = null;
  private pmt: Buffer | null = null;
  /** Bytes thrown away to find packet sync again (never expected from a pipe; counted to be sure). */
  skippedBytes = 0;

  /** PAT then PMT, as last seen: what a reader joining mid-stream needs before anything else. */
  psi(): Buffer {
    return this.pat && this.pmt ? Buffer.concat([this.pat, this.pmt]) : Buffer.alloc(0);
  }

  /** Takes any bytes; returns the whole packets now available, or null when there are none yet. */
  push(bytes: Buffer): TsChunk | null {
    let data = this.rest ? Buffer.concat([this.rest, bytes]) : bytes;
    this.rest = null;
    data = this.align(data);
    const whole = data.length - (data.length % TS_PACKET);
    if (whole < data.length) this.rest = Buffer.from(data.subarray(whole));
    if (whole === 0) return null;
    const out: TsChunk = { data: data.subarray(0, whole), keys: [], frames: [], stamps: [], videoPid: this.videoPid };
    for (let at = 0; at < whole; at += TS_PACKET) this.packet(data, at, out);
    return out;
  }

  /** Forgets the bytes of an unfinished packet (its writer is gone; see FanOut.restart). */
  dropPartial(): void {
    if (this.rest) this.skippedBytes += this.rest.length;
    this.rest = null;
  }

  /** Drops bytes until a sync byte that is followed by another one a packet later. */
  private align(data: Buffer): Buffer {
    if (data.length === 0 || data[0] === SYNC) return data;
    for (let i = 1; i < data.length; i++) {
      if (data[i] === SYNC && (i + TS_PACKET >= data.length || data[i + TS_PACKET] === SYNC)) {
        this.skippedBytes += i;
        return data.subarray(i);
      }
    }
    this.skippedBytes += data.length;
    return Buffer.alloc(0);
  }

  private packet(data: Buffer, at: number, out: TsChunk): void {
    if (data[at] !== SYNC) {
      // Lost sync mid-chunk: the rest of this chunk is not trusted to carry frame starts.
      this.skippedBytes += TS_PACKET;
      return;
    }
    const b1 = data[at + 1]!;
    const pid = ((b1 & 0x1f) << 8) | data[at + 2]!;
    const start = (b1 & 0x40) !== 0;
    const afc = (data[at + 3]! >> 4) & 0x3;
    const afLength = afc & 0x2 ? data[at + 4]! : -1;
    const payload = at + 4 + (afc & 0x2 ? 1 + afLength : 0);
    if (pid === PAT_PID) {
      if (start && afc & 0x1) this.readPat(data, payload, at);
      return;
    }
    if (pid === this.pmtPid) {
      if (start && afc & 0x1) this.readPmt(data, payload, at);
      return;
    }
    if (pid !== this.videoPid || !start) return;
    out.videoPid = pid;
    out.frames.push(at);
    out.stamps.push(pesStamp(data, payload, at + TS_PACKET));
    // Adaptation field flags: 0x40 = random_access_indicator.
    if (afLength > 0 && (data[at + 5]! & 0x40) !== 0) out.keys.push(at);
  }

  /** The section that starts in this packet's payload (after its pointer field), or null. */
  private section(data: Buffer, payload: number, at: number, tableId: number): { from: number; end: number } | null {
    const end = at + TS_PACKET;
    if (payload >= end) return null;
    const from = payload + 1 + data[payload]!;
    if (from + 3 > end || data[from] !== tableId) return null;
    const length = ((data[from + 1]! & 0x0f) << 8) | data[from + 2]!;
    // The section must fit in this packet (FFmpeg's PAT and PMT always do); the CRC is not needed.
    const sectionEnd = from + 3 + length - 4;
    return sectionEnd <= end ? { from, end: sectionEnd } : null;
  }

  private readPat(data: Buffer, payload: number, at: number): void {
    const s = this.section(data, payload, at, 0x00);
    if (!s) return;
    for (let i = s.from + 8; i + 4 <= s.end; i += 4) {
      const program = (data[i]! << 8) | data[i + 1]!;
      if (program === 0) continue; // the network PID, not a program
      this.pmtPid = ((data[i + 2]! & 0x1f) << 8) | data[i + 3]!;
      this.pat = Buffer.from(data.subarray(at, at + TS_PACKET));
      return;
    }
  }

  private readPmt(data: Buffer, payload: number, at: number): void {
    const s = this.section(data, payload, at, 0x02);
    if (!s) return;
    const infoLength = ((data[s.from + 10]! & 0x0f) << 8) | data[s.from + 11]!;
    for (let i = s.from + 12 + infoLength; i + 5 <= s.end; ) {
      const type = data[i]!;
      const pid = ((data[i + 1]! & 0x1f) << 8) | data[i + 2]!;
      const esInfo = ((data[i + 3]! & 0x0f) << 8) | data[i + 4]!;
      if (VIDEO_TYPES.has(type)) {
        this.videoPid = pid;
        break;
      }
      i += 5 + esInfo;
    }
    this.pmt = Buffer.from(data.subarray(at, at + TS_PACKET));
  }
}

/** A PES header's DTS (or PTS when it has none) in 90 kHz units, or NaN. */
export function pesStamp(data: Buffer, at: number, end: number): number {
  if (at + 14 > end || data[at] !== 0 || data[at + 1] !== 0 || data[at + 2] !== 1) return NaN;
  const flags = data[at + 7]! >> 6;
  if (flags === 3 && at + 19 <= end) return timeAt(data, at + 14);
  if (flags === 2 || flags === 3) return timeAt(data, at + 9);
  return NaN;
}

/** The 33-bit time in five bytes with marker bits (ISO 13818-1, 2.4.3.7). */
function timeAt(data: Buffer, at: number): number {
  const high = (data[at]! >> 1) & 0x07;
  const mid = ((data[at + 1]! << 8) | data[at + 2]!) >> 1;
  const low = ((data[at + 3]! << 8) | data[at + 4]!) >> 1;
  return high * 2 ** 30 + mid * 2 ** 15 + low;
}

/**
 * The chunk without its video packets in bytes [from, upTo) (the whole chunk by default): sound and
 * tables go on, pictures do not. Frame offsets outside the range move with the bytes removed.
 */
export function withoutVideo(chunk: TsChunk, from = 0, upTo = chunk.data.length): TsChunk {
  if (chunk.videoPid < 0) return chunk;
  const kept: Buffer[] = [chunk.data.subarray(0, from)];
  let removed = 0;
  for (let at = from; at < upTo; at += TS_PACKET) {
    const pid = ((chunk.data[at + 1]! & 0x1f) << 8) | chunk.data[at + 2]!;
    if (pid === chunk.videoPid) removed += TS_PACKET;
    else kept.push(chunk.data.subarray(at, at + TS_PACKET));
  }
  kept.push(chunk.data.subarray(upTo));
  const outside = (n: number): boolean => n < from || n >= upTo;
  const shift = (n: number): number => (n >= upTo ? n - removed : n);
  return {
    data: Buffer.concat(kept),
    keys: chunk.keys.filter(outside).map(shift),
    frames: chunk.frames.filter(outside).map(shift),
    stamps: chunk.stamps.filter((_, i) => outside(chunk.frames[i]!)),
    videoPid: chunk.videoPid,
  };
}
