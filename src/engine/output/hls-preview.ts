/**
 * The producers' low-latency preview: the program as HLS, cut from the encoding the studio already
 * makes (no second encode). While a preview is wanted (StartPreviewHls) and the main encoding runs
 * (a stream, a recording or the replay buffer), one more reader of the main fan-out — an FFmpeg
 * `-c copy -f hls` — writes short segments and a short playlist into a temp folder this class owns,
 * deletes old segments as it goes, and the folder is removed when the encoding or the preview stops.
 * It never starts the encoders itself, so no encoder ever runs for the preview alone.
 *
 * Files are served by the obs-websocket server's HTTP (where the web remote comes from) under
 * PREVIEW_HLS_PREFIX, behind a per-run random token (not the UI's cookie: a producer's phone gets
 * it through the obs-websocket request GetPreviewHls). The playlist's segment URLs carry the token
 * too, so every request checks it; a wrong or missing one gets 401.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock, Logger } from '../api';
import { setCommonHeaders } from '../http/respond';
import type { FanOut, Tap } from './fan-out';
import { FfmpegProcess } from './supervisor';

export const PREVIEW_HLS_PREFIX = '/preview/hls/';
export const PREVIEW_HLS_PLAYLIST = 'index.m3u8';
export const PREVIEW_TOKEN_PARAM = 'token';
/** Target segment length; segments are cut at the encoder's keyframes, so they last one GOP (2 s at the default). */
export const HLS_SEGMENT_SEC = 1;
/** Segments listed in the playlist (and kept on disk, plus the one being written). */
export const HLS_LIST_SIZE = 3;
/** The tap's buffer: a second or two of a high-bitrate program; a stalled FFmpeg drops for itself only. */
const TAP_BYTES = 4 << 20;
const SEGMENT = /^seg\d{1,9}\.ts$/;

export function buildHlsPreviewArgs(dir: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    // The tap starts at a keyframe; half a second is enough to find both streams.
    '-analyzeduration', '500000', '-f', 'mpegts', '-i', 'pipe:0',
    '-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy',
    '-f', 'hls', '-hls_time', String(HLS_SEGMENT_SEC), '-hls_list_size', String(HLS_LIST_SIZE),
    '-hls_delete_threshold', '1',
    // temp_file: a segment is renamed into place only when complete, so nothing half-written is served.
    '-hls_flags', 'delete_segments+independent_segments+program_date_time+temp_file+omit_endlist',
    '-hls_segment_filename', path.join(dir, 'seg%05d.ts'),
    path.join(dir, PREVIEW_HLS_PLAYLIST),
  ];
}

/** The playlist with the token added to every segment URL. */
export function playlistWithToken(text: string, token: string): string {
  const q = `${PREVIEW_TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return text
    .split('\n')
    .map((line) => (line.trim() && !line.startsWith('#') ? `${line.trim()}?${q}` : line))
    .join('\n');
}

export interface HlsPreviewStatus {
  /** A preview was asked for (StartPreviewHls). */
  enabled: boolean;
  /** Its FFmpeg runs (the preview was asked for and the main encoding runs). */
  active: boolean;
  /** The playlist's path with this run's token, relative to the obs-websocket server's address. */
  url: string;
}

export interface HlsPreviewOptions {
  clock: Clock;
  logger: Logger;
  /** Where the per-run folders go; os.tmpdir() by default. */
  tmpRoot?: string;
}

interface Run {
  fanOut: FanOut;
  proc: FfmpegProcess;
  tap: Tap | null;
  dir: string;
  done: Promise<void>;
}

export class HlsPreview {
  /** This run's token: random, never written anywhere but GetPreviewHls replies. */
  private readonly token = randomBytes(24).toString('base64url');
  private enabled = false;
  private source: { fanOut: FanOut; ffmpegPath: string } | null = null;
  private run: Run | null = null;
  private disposed = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: HlsPreviewOptions) {}

  status(): HlsPreviewStatus {
    return {
      enabled: this.enabled,
      active: this.run !== null,
      url: `${PREVIEW_HLS_PREFIX}${PREVIEW_HLS_PLAYLIST}?${PREVIEW_TOKEN_PARAM}=${this.token}`,
    };
  }

  /** StartPreviewHls / StopPreviewHls. */
  async setEnabled(on: boolean): Promise<void> {
    this.enabled = on && !this.disposed;
    await this.reconcile();
  }

  /** The StreamOutput's main encoding started (its fan-out) or ended (null). */
  setSource(source: { fanOut: FanOut; ffmpegPath: string } | null): void {
    if (source && this.source?.fanOut === source.fanOut) return;
    this.source = source;
    void this.reconcile();
  }

  /** Brings the FFmpeg in line with what is wanted; one change at a time. */
  private reconcile(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const want = this.enabled && this.source !== null && !this.disposed;
      if (this.run && (!want || this.run.tap === null || this.run.fanOut !== this.source?.fanOut)) await this.stopRun();
      if (want && !this.run && this.source) this.startRun(this.source);
    });
    return this.chain;
  }

  private startRun(src: { fanOut: FanOut; ffmpegPath: string }): void {
    const dir = mkdtempSync(path.join(this.opts.tmpRoot ?? tmpdir(), 'studio-hls-'));
    const proc = new FfmpegProcess({
      path: src.ffmpegPath,
      args: buildHlsPreviewArgs(dir),
      clock: this.opts.clock,
      logger: this.opts.logger,
      label: 'hls preview',
      pipes: { audio: false },
      termAfterMs: 2000,
      killAfterMs: 2000,
    });
    const started = proc.start();
    const input = started.ok ? proc.video : null;
    const tap = input ? src.fanOut.tap(input, TAP_BYTES) : null;
    const run: Run = { fanOut: src.fanOut, proc, tap, dir, done: Promise.resolve() };
    run.done = proc.exited.then(() => {
      tap?.close();
      rmSync(dir, { recursive: true, force: true });
      // It died on its own (not stopped): forget it; the next start or source change tries again.
      if (this.run === run) this.run = null;
    });
    this.run = run;
    this.opts.logger.log('info', 'hls preview started', { dir });
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = null;
    run.tap?.close();
    await run.proc.stop();
    await run.done;
  }

  /** Whether `req` carries this run's token (constant-time). */
  private admits(url: URL): boolean {
    const given = Buffer.from(url.searchParams.get(PREVIEW_TOKEN_PARAM) ?? '');
    const mine = Buffer.from(this.token);
    return given.length === mine.length && timingSafeEqual(given, mine);
  }

  /** Answers a request under PREVIEW_HLS_PREFIX. */
  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    setCommonHeaders(res);
    res.setHeader('Cache-Control', 'no-store');
    const reply = (status: number, text: string): void => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return reply(405, 'Only GET and HEAD are supported here.');
    }
    if (!this.admits(url)) return reply(401, 'A valid preview token is needed: ask the studio for the URL (GetPreviewHls).');
    const name = url.pathname.slice(PREVIEW_HLS_PREFIX.length);
    const run = this.run;
    if (!run) return reply(404, 'The preview is not running: start it (StartPreviewHls) while the stream or recording runs.');
    const isPlaylist = name === PREVIEW_HLS_PLAYLIST;
    if (!isPlaylist && !SEGMENT.test(name)) return reply(404, 'No such preview file.');
    const body = await readFile(path.join(run.dir, name)).catch(() => null);
    if (!body) return reply(404, isPlaylist ? 'The first preview segment is not ready yet; try again in a moment.' : 'That segment is gone.');
    const data = isPlaylist ? Buffer.from(playlistWithToken(body.toString('utf8'), this.token)) : body;
    res.statusCode = 200;
    res.setHeader('Content-Type', isPlaylist ? 'application/vnd.apple.mpegurl' : 'video/mp2t');
    res.setHeader('Content-Length', data.length);
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.enabled = false;
    this.source = null;
    await this.reconcile();
  }
}
