/**
 * Reads fragmented MP4 as FFmpeg writes it to a pipe (-movflags empty_moov+default_base_moof
 * +frag_keyframe): the init segment (ftyp + moov) first, then fragments (moof + mdat). The network
 * source keeps the init segment and the fragments since the last keyframe, so a player that joins
 * gets a picture at once, and reads the codecs from the moov for Media Source Extensions'
 * addSourceBuffer('video/mp4; codecs="…"').
 */

export interface Fragment {
  bytes: Buffer;
  /** The fragment starts with a sync sample of the video track (or there is no video track). */
  keyframe: boolean;
}

export interface InitSegment {
  bytes: Buffer;
  /** RFC 6381 codec strings of the tracks, e.g. ["avc1.42c01e", "mp4a.40.2"]. */
  codecs: string[];
  /** Sample entry types (avc1, hev1, mp4a, Opus…), one per track. */
  entries: string[];
  /** track_ID of the video track, if any. */
  videoTrack: number | null;
}

/** The largest box we accept from FFmpeg: well above any fragment of a sane stream. */
const MAX_BOX = 64 << 20;

interface Box {
  type: string;
  start: number;
  /** Where the payload starts (after the header). */
  body: number;
  end: number;
}

function* boxes(buf: Buffer, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = end - at;
    if (size < body - at || at + size > end) return;
    yield { type, start: at, body, end: at + size };
    at += size;
  }
}

const child = (buf: Buffer, parent: Box, type: string): Box | undefined => {
  for (const b of boxes(buf, parent.body, parent.end)) if (b.type === type) return b;
  return undefined;
};

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** Codecs, sample entries and the video track from an init segment's moov. */
export function readInit(bytes: Buffer): InitSegment {
  const codecs: string[] = [];
  const entries: string[] = [];
  let videoTrack: number | null = null;
  for (const top of boxes(bytes, 0, bytes.length)) {
    if (top.type !== 'moov') continue;
    for (const trak of boxes(bytes, top.body, top.end)) {
      if (trak.type !== 'trak') continue;
      const tkhd = child(bytes, trak, 'tkhd');
      const mdia = child(bytes, trak, 'mdia');
      const minf = mdia && child(bytes, mdia, 'minf');
      const stbl = minf && child(bytes, minf, 'stbl');
      const stsd = stbl && child(bytes, stbl, 'stsd');
      if (!tkhd || !stsd) continue;
      const version = bytes[tkhd.body]!;
      const trackId = bytes.readUInt32BE(tkhd.body + (version === 1 ? 20 : 12));
      // stsd: full box header (4) + entry count (4), then the sample entries.
      const entry = boxes(bytes, stsd.body + 8, stsd.end).next().value as Box | undefined;
      if (!entry) continue;
      entries.push(entry.type);
      const visual = ['avc1', 'avc3', 'hev1', 'hvc1', 'vp09', 'av01'].includes(entry.type);
      if (visual && videoTrack === null) videoTrack = trackId;
      if (entry.type === 'avc1' || entry.type === 'avc3') {
        // VisualSampleEntry is 78 bytes before its child boxes.
        const avcC = [...boxes(bytes, entry.body + 78, entry.end)].find((b) => b.type === 'avcC');
        codecs.push(avcC ? `${entry.type}.${hex2(bytes[avcC.body + 1]!)}${hex2(bytes[avcC.body + 2]!)}${hex2(bytes[avcC.body + 3]!)}` : `${entry.type}.42e01e`);
      } else if (entry.type === 'mp4a') codecs.push('mp4a.40.2');
      else if (entry.type === 'Opus') codecs.push('opus');
      else if (entry.type === 'fLaC') codecs.push('flac');
      else if (entry.type === 'vp09') codecs.push('vp09.00.10.08');
      else if (entry.type === 'av01') codecs.push('av01.0.08M.08');
      else codecs.push(entry.type);
    }
  }
  return { bytes, codecs, entries, videoTrack };
}

/** Whether the compositor's Chromium plays these sample entries through MSE on every machine. */
export function playableEntries(entries: readonly string[]): boolean {
  const ok = new Set(['avc1', 'avc3', 'vp09', 'av01', 'mp4a', 'Opus', 'fLaC']);
  return entries.length > 0 && entries.every((e) => ok.has(e));
}

/** Whether a moof's fragment of `videoTrack` begins with a sync sample. */
export function startsWithKeyframe(buf: Buffer, moof: Box, videoTrack: number | null): boolean {
  if (videoTrack === null) return true;
  for (const traf of boxes(buf, moof.body, moof.end)) {
    if (traf.type !== 'traf') continue;
    const tfhd = child(buf, traf, 'tfhd');
    if (!tfhd || buf.readUInt32BE(tfhd.body + 4) !== videoTrack) continue;
    const tfFlags = buf.readUInt32BE(tfhd.body) & 0xffffff;
    let p = tfhd.body + 8;
    if (tfFlags & 0x1) p += 8;
    if (tfFlags & 0x2) p += 4;
    if (tfFlags & 0x8) p += 4;
    if (tfFlags & 0x10) p += 4;
    let flags: number | null = tfFlags & 0x20 ? buf.readUInt32BE(p) : null;
    const trun = child(buf, traf, 'trun');
    if (trun) {
      const trFlags = buf.readUInt32BE(trun.body) & 0xffffff;
      let q = trun.body + 8;
      if (trFlags & 0x1) q += 4;
      if (trFlags & 0x4) flags = buf.readUInt32BE(q);
      else if (trFlags & 0x400) {
        if (trFlags & 0x100) q += 4;
        if (trFlags & 0x200) q += 4;
        flags = buf.readUInt32BE(q);
      }
    }
    // sample_is_non_sync_sample; without any flags FFmpeg's fragments start at keyframes.
    return flags === null ? true : (flags & 0x10000) === 0;
  }
  return false;
}

/**
 * Splits a byte stream into the init segment and fragments. Push chunks as they arrive; it calls
 * back with the init segment once, then with each complete fragment (moof + mdat, plus any small
 * boxes between). A malformed stream throws, and the caller ends the pull.
 */
export class Fmp4Splitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private init: InitSegment | null = null;
  private initParts: Buffer[] = [];
  private fragment: Buffer[] = [];
  private moofKey = false;

  constructor(
    private readonly onInit: (init: InitSegment) => void,
    private readonly onFragment: (fragment: Fragment) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.pendingBytes < 8) return;
      const head = this.peek(16);
      let size = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (size === 1) {
        if (head.length < 16) return;
        size = Number(head.readBigUInt64BE(8));
      }
      if (size < 8 || size > MAX_BOX) throw new Error(`FFmpeg wrote a ${type} box of ${size} bytes, which is not fragmented MP4`);
      if (this.pendingBytes < size) return;
      this.box(type, this.take(size));
    }
  }

  private box(type: string, bytes: Buffer): void {
    if (!this.init) {
      this.initParts.push(bytes);
      if (type === 'moov') {
        this.init = readInit(Buffer.concat(this.initParts));
        this.initParts = [];
        this.onInit(this.init);
      }
      return;
    }
    if (type === 'moof') {
      const whole: Box = { type, start: 0, body: 8, end: bytes.length };
      this.moofKey = startsWithKeyframe(bytes, whole, this.init.videoTrack);
      this.fragment = [bytes];
      return;
    }
    this.fragment.push(bytes);
    if (type === 'mdat') {
      this.onFragment({ bytes: Buffer.concat(this.fragment), keyframe: this.moofKey });
      this.fragment = [];
    }
  }

  private peek(n: number): Buffer {
    const first = this.pending[0]!;
    if (first.length >= n || this.pending.length === 1) return first.subarray(0, n);
    return Buffer.concat(this.pending).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const out = Buffer.from(all.subarray(0, n));
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }
}
