/**
 * Parses FFmpeg's `-progress` output: blocks of key=value lines, each block closed by
 * progress=continue or progress=end. Bytes arrive in arbitrary chunks, so partial lines are kept
 * until their newline. Values FFmpeg cannot compute read "N/A" and become null.
 */
import { StringDecoder } from 'node:string_decoder';

export interface ProgressSnapshot {
  frame: number | null;
  /** FFmpeg's average since start; use deltas of frame for a current rate. */
  fps: number | null;
  bitrateKbps: number | null;
  /** Bytes written to the output so far. */
  totalSize: number | null;
  outTimeUs: number | null;
  dupFrames: number | null;
  dropFrames: number | null;
  /** FFmpeg's average since start (1 = realtime). */
  speed: number | null;
  progress: 'continue' | 'end';
}

/** A line longer than this is not progress output; it is dropped rather than buffered forever. */
const MAX_LINE = 4096;

export class ProgressParser {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private block = new Map<string, string>();

  constructor(private readonly onSnapshot: (s: ProgressSnapshot) => void) {}

  push(chunk: Uint8Array | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_LINE) this.partial = '';
    for (const line of lines) this.line(line);
  }

  /** The stream ended: a final unterminated line still counts. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.line(rest);
  }

  private line(raw: string): void {
    const line = raw.replace(/\r$/, '').trim();
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key !== 'progress') {
      this.block.set(key, value);
      return;
    }
    const block = this.block;
    this.block = new Map();
    this.onSnapshot(toSnapshot(block, value === 'end' ? 'end' : 'continue'));
  }
}

function toSnapshot(b: Map<string, string>, progress: 'continue' | 'end'): ProgressSnapshot {
  return {
    frame: int(b.get('frame')),
    fps: num(b.get('fps')),
    bitrateKbps: num(b.get('bitrate')?.replace(/kbits\/s$/, '')),
    totalSize: int(b.get('total_size')),
    outTimeUs: int(b.get('out_time_us')) ?? int(b.get('out_time_ms')) ?? clockUs(b.get('out_time')),
    dupFrames: int(b.get('dup_frames')),
    dropFrames: int(b.get('drop_frames')),
    speed: num(b.get('speed')?.replace(/x$/, '')),
    progress,
  };
}

function num(v: string | undefined): number | null {
  if (v === undefined || v === '' || v === 'N/A') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function int(v: string | undefined): number | null {
  const n = num(v);
  return n === null ? null : Math.trunc(n);
}

/** "HH:MM:SS.micro" (possibly negative before the first packet) → µs. */
function clockUs(v: string | undefined): number | null {
  const m = v && /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(v);
  if (!m) return null;
  const us = Math.round(((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1e6);
  return m[1] ? -us : us;
}
