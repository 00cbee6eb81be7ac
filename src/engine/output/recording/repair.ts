/**
 * Cuts a recording that ended mid-write (a full disk, a file-size limit, a kill during a write) back
 * to its last whole unit. Both containers are sequences of length-prefixed top-level units — MP4
 * boxes, Matroska elements in the Segment — so the cut is where the last one that fits in the file
 * ends. Without it players and FFmpeg still read what is there but report the torn tail as an error.
 *
 * Conservative on purpose: a file whose layout is not the one FFmpeg writes (no track header yet, an
 * element of unknown size, anything unrecognised) is left exactly as it is.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Status, fail, ok, type Result } from '../../../shared';

export interface Repair {
  /** Size before and after; equal when nothing was cut. */
  before: number;
  after: number;
}

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;

export async function trimTornTail(file: string): Promise<Result<Repair>> {
  let fh: FileHandle | null = null;
  try {
    fh = await open(file, 'r+');
    const size = (await fh.stat()).size;
    const head = await readAt(fh, 0, 12);
    const plan = head.readUInt32BE(0) === EBML ? await planMkv(fh, size) : head.toString('latin1', 4, 8) === 'ftyp' ? await planMp4(fh, size) : null;
    if (!plan || plan.keep >= size) return ok({ before: size, after: size });
    await fh.truncate(plan.keep);
    // A Segment that still claims the bytes just cut would send readers past the end looking for them.
    if (plan.segmentSizeAt !== null) await fh.write(UNKNOWN_SIZE_8, 0, 8, plan.segmentSizeAt);
    await fh.sync();
    return ok({ before: size, after: plan.keep });
  } catch (error) {
    return fail(Status.ActionFailed, `The recording ${file} could not be checked for a torn end (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  } finally {
    await fh?.close().catch(() => {});
  }
}

interface Plan {
  keep: number;
  /** Where an 8-byte Segment size to mark unknown sits; null to leave it. */
  segmentSizeAt: number | null;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** ftyp, moov, then moof+mdat pairs (and mfra once finished). A moof counts only with its mdat. */
async function planMp4(fh: FileHandle, size: number): Promise<Plan | null> {
  let at = 0;
  let keep = 0;
  let moov = false;
  while (at + 8 <= size) {
    const h = await readAt(fh, at, 16);
    const small = h.readUInt32BE(0);
    const type = h.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
    let length: number;
    if (small === 1) {
      if (h.length < 16) break;
      length = Number(h.readBigUInt64BE(8));
    } else if (small === 0) {
      return null; // "to the end of the file": nothing to measure a tear by
    } else {
      length = small;
    }
    if (length < 8) return null;
    const end = at + length;
    if (end > size) break;
    if (type === 'moov') moov = true;
    if (type !== 'moof') keep = end;
    at = end;
  }
  return moov ? { keep, segmentSizeAt: null } : null;
}

/** The EBML header, then one Segment whose children (SeekHead, Info, Tracks, Clusters, Cues…) are walked. */
async function planMkv(fh: FileHandle, size: number): Promise<Plan | null> {
  const header = await element(fh, 0);
  if (!header || header.id !== EBML || header.size === null) return null;
  const segAt = header.dataAt + header.size;
  const seg = await element(fh, segAt);
  if (!seg || seg.id !== SEGMENT) return null;
  const segEnd = seg.size === null ? size : Math.min(size, seg.dataAt + seg.size);
  let at = seg.dataAt;
  let keep = at;
  let tracks = false;
  while (at < segEnd) {
    const child = await element(fh, at);
    if (!child) break; // torn inside the element's own header
    if (child.size === null) return null;
    const end = child.dataAt + child.size;
    if (end > segEnd) break;
    if (child.id === TRACKS) tracks = true;
    keep = end;
    at = end;
  }
  if (!tracks) return null;
  const sizeLength = seg.dataAt - segAt - seg.idLength;
  return { keep, segmentSizeAt: seg.size !== null && sizeLength === 8 ? segAt + seg.idLength : null };
}

/** Matroska's "size unknown", 8 bytes long: readers take the Segment to run to the end of the file. */
const UNKNOWN_SIZE_8 = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

interface Element {
  id: number;
  idLength: number;
  /** null = unknown (all value bits set). */
  size: number | null;
  dataAt: number;
}

/** An EBML element's ID (1–4 bytes, marker kept) and size (1–8 bytes, marker removed). */
async function element(fh: FileHandle, at: number): Promise<Element | null> {
  const b = await readAt(fh, at, 12);
  const idLength = vintLength(b[0]);
  if (idLength === 0 || idLength > 4 || b.length < idLength + 1) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + b[i]!;
  const sizeLength = vintLength(b[idLength]);
  if (sizeLength === 0 || b.length < idLength + sizeLength) return null;
  let value = b[idLength]! & (0xff >> sizeLength);
  let allOnes = value === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = b[idLength + i]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { id, idLength, size: allOnes ? null : value, dataAt: at + idLength + sizeLength };
}

/** Leading zero bits + 1 of a variable-length integer's first byte; 0 when it has none (invalid). */
function vintLength(first: number | undefined): number {
  if (!first) return 0;
  return Math.clz32(first) - 23;
}
