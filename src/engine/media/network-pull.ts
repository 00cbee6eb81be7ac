/**
 * One network stream pulled by FFmpeg for an ffmpeg_source (is_local_file false): FFmpeg connects
 * to the URL and remuxes what arrives — no decode, no encode, when the stream is H.264/AAC as RTMP,
 * SRT and HLS streams almost always are — into fragmented MP4 on its stdout, fragments of at most
 * 100 ms. The pull keeps the init segment and the fragments since the last keyframe, and hands them
 * to readers (the compositors' players, over the host's media route) as they arrive.
 *
 * A stream in a codec the compositor cannot play (HEVC, MPEG-2…) is transcoded instead (libx264
 * ultrafast/zerolatency + AAC), decided from the init segment of the first attempt.
 *
 * It reconnects by itself: an attempt that ends (the server went away, the publisher stopped, no
 * fragment for STALL_MS) is retried after the input's reconnect_delay_sec, then after the
 * destinations' backoff grown from it (output/backoff.ts), and the counter starts over after a
 * stable run.
 *
 * An SRT listener (srt://0.0.0.0:PORT?mode=listener) inverts the roles: FFmpeg binds the port and
 * waits for a caller (a phone, an encoder) to push to it. It may wait for as long as nobody calls,
 * so no connect timeout applies until a caller's stream has begun (the init segment); once the caller
 * goes away the attempt ends as any other and the port is bound again at once for the next caller
 * (re-listening calls nobody, so no backoff is owed). A port another program holds is said as such.
 */
import { Status, fail, type Result } from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import { backoffDelay, type BackoffPolicy } from '../output/backoff';
import { openPresetChannel } from '../output/preset-channel';
import { FfmpegProcess, type ExitInfo } from '../output/supervisor';
import { Fmp4Splitter, playableEntries, type Fragment, type InitSegment } from './fmp4';
import { concatList, type NetworkUrl } from './network-url';

export type PullState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** A listener's reason before its first caller. */
const WAITING = 'waiting for a caller…';

/** The descriptor FFmpeg reads the concat list from (as a pusher's preset: after pipes 0–4). */
const LIST_FD = 5;
/** No fragment for this long while live: the stream is lost even when TCP has not noticed. */
const STALL_MS = 5000;
/** No picture this long after an attempt starts (a listener: after its caller's stream began): retry. */
const CONNECT_TIMEOUT_MS = 20_000;
/** A listener binds its port again this soon after its caller left (the old FFmpeg has exited). */
const RELISTEN_MS = 100;
/** FFmpeg's words when a listener cannot bind its port. */
const PORT_TAKEN = /Address already in use/i;
/** Live this long and the retry counter starts over (as a destination's). */
const STABLE_MS = 60_000;
/** A reader joining gets at most this much from the last keyframe on; a longer GOP is not kept. */
const MAX_CACHE_BYTES = 16 << 20;
/** FFmpeg's words when a stream's codec cannot be copied into MP4. */
const CANNOT_COPY = /codec not currently supported in container|Could not find tag for codec|incompatible with output codec|is not supported by the bitstream filter/i;
/** A reader that falls this far behind (a stalled page) is cut off; it reconnects at the live edge. */
export const MAX_READER_BACKLOG = 8 << 20;

export interface PullReader {
  write(bytes: Buffer): void;
  /** The attempt ended: the reader's stream ends here. */
  end(): void;
}

export interface PullStatus {
  state: PullState;
  /** Why there is no picture now ('connecting…', 'reconnecting…'), null while live. */
  reason: string | null;
  /** The retry number while reconnecting (1 = first retry). */
  attempt: number;
  /** Codecs of the live attempt, for MSE. */
  codecs: string[];
  transcoding: boolean;
}

export interface NetworkPullOptions {
  name: string;
  url: NetworkUrl;
  ffmpegPath: () => Promise<Result<string>>;
  clock: Clock;
  logger: Logger;
  /** From reconnect_delay_sec (network-url.ts reconnectPolicy): the first retry waits baseMs. */
  reconnect: BackoffPolicy;
  /** A checked input_format ('' = FFmpeg probes). */
  inputFormat?: string;
  /** Trust this PEM bundle instead of the system's for rtmps:// and https:// (network-url.ts concatList). */
  caFile?: string;
  onStatus: (status: PullStatus) => void;
  random?: () => number;
}

export class NetworkPull {
  private state: PullState = 'connecting';
  private reason: string | null;
  private attempt = 0;
  private process: FfmpegProcess | null = null;
  private init: InitSegment | null = null;
  private cache: Buffer[] = [];
  private cacheBytes = 0;
  private readonly readers = new Set<PullReader>();
  private retryTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private lastFragmentAt = 0;
  /** When this attempt's init segment came (null before): a listener's caller has begun. */
  private initAt: number | null = null;
  private liveSince: number | null = null;
  private transcode = false;
  private generation = 0;
  private disposed = false;
  constructor(private readonly opts: NetworkPullOptions) {
    this.reason = opts.url.listener ? WAITING : 'connecting…';
  }

  start(): void {
    void this.connect();
  }

  status(): PullStatus {
    return {
      state: this.state,
      reason: this.reason,
      attempt: this.attempt,
      codecs: this.init?.codecs ?? [],
      transcoding: this.transcode,
    };
  }

  /** The MSE type of the live attempt, e.g. video/mp4; codecs="avc1.42c01e,mp4a.40.2"; null when not live. */
  mimeType(): string | null {
    if (this.state !== 'live' || !this.init) return null;
    return `video/mp4; codecs="${this.init.codecs.join(',')}"`;
  }

  /**
   * Adds a reader to the live attempt: it gets the init segment and the fragments since the last
   * keyframe at once, then each fragment. Fails while the stream is down.
   */
  read(reader: PullReader): Result<() => void> {
    if (this.state !== 'live' || !this.init) return fail(Status.NotReady, `The stream is not live (${this.reason ?? this.state}).`);
    reader.write(this.init.bytes);
    for (const f of this.cache) reader.write(f);
    this.readers.add(reader);
    return { ok: true, value: () => this.readers.delete(reader) };
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.state = 'stopped';
    this.clearTimers();
    this.endReaders();
    const p = this.process;
    this.process = null;
    return p ? p.dispose() : Promise.resolve();
  }

  // ---- internals --------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.disposed) return;
    const gen = ++this.generation;
    const found = await this.opts.ffmpegPath();
    if (this.disposed || gen !== this.generation) return;
    if (!found.ok) return this.lost(gen, `FFmpeg is not available (${found.error.message})`);
    const channel = openPresetChannel(concatList(this.opts.url.url, { format: this.opts.inputFormat ?? '', ...(this.opts.caFile ? { caFile: this.opts.caFile } : {}) }), LIST_FD);
    if (!channel.ok) return this.lost(gen, channel.error.message);
    const proc = new FfmpegProcess({
      path: found.value,
      // The list arrives on an inherited descriptor (pipe:N), so FFmpeg needs no file access at
      // all: a remote HLS playlist cannot name a local file. Windows has no inheritance: a file.
      args: this.args(channel.value.inherit ? `pipe:${LIST_FD}` : channel.value.path, !channel.value.inherit),
      clock: this.opts.clock,
      logger: this.opts.logger,
      secrets: this.opts.url.secrets,
      label: `network source ${this.opts.name}`,
      pipes: { audio: false, output: true },
      ...(channel.value.inherit ? { inherit: channel.value.inherit } : {}),
      onExit: (info) => {
        channel.value.dispose();
        this.exited(gen, info);
      },
    });
    this.process = proc;
    this.init = null;
    this.initAt = null;
    this.cache = [];
    this.cacheBytes = 0;
    const started = proc.start();
    channel.value.spawned();
    if (!started.ok) return;
    const splitter = new Fmp4Splitter(
      (init) => this.onInit(gen, init),
      (fragment) => this.onFragment(gen, fragment),
    );
    proc.output?.on('data', (chunk: Buffer) => {
      if (gen !== this.generation) return;
      try {
        splitter.push(chunk);
      } catch (error) {
        this.opts.logger.log('warn', 'network source: unreadable FFmpeg output', { source: this.opts.name, error: String(error) });
        void proc.dispose();
      }
    });
    this.lastFragmentAt = this.opts.clock.now();
    this.arm(gen);
  }

  private args(list: string, listIsFile: boolean): string[] {
    const video = this.transcode
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '60']
      : ['-c:v', 'copy'];
    // MPEG-TS (SRT, HLS) carries AAC with ADTS headers, which MP4 cannot: the filter moves them
    // into the track's config and passes FLV's AAC through. Another audio codec refuses the filter
    // (CANNOT_COPY), and the next attempt transcodes to AAC.
    const audio = [...(this.transcode ? ['-c:a', 'aac', '-b:a', '160k'] : ['-c:a', 'copy']), '-bsf:a', 'aac_adtstoasc'];
    return [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'warning',
      // The URL is in the list on LIST_FD, never in argv (network-url.ts).
      '-f',
      'concat',
      '-safe',
      '0',
      '-protocol_whitelist',
      `${listIsFile ? 'file,' : ''}pipe,rtmp,rtmps,rtmpt,rtmpts,tcp,tls,srt,udp,http,https,httpproxy,hls,crypto`,
      '-i',
      list,
      '-map',
      '0:v:0?',
      '-map',
      '0:a:0?',
      ...video,
      ...audio,
      '-f',
      'mp4',
      // delay_moov: the header waits for the first fragment, by when aac_adtstoasc has found
      // MPEG-TS's AudioSpecificConfig; an empty_moov written at once has none, and Chromium's MSE
      // cannot decode AAC without it ("the stream could not be decoded": SRT and HLS sources).
      '-movflags',
      'empty_moov+delay_moov+default_base_moof+frag_keyframe',
      // Fragments of at most 100 ms: what a player waits for before it can show a frame.
      '-frag_duration',
      '100000',
      '-flush_packets',
      '1',
      'pipe:1',
    ];
  }

  private onInit(gen: number, init: InitSegment): void {
    if (gen !== this.generation) return;
    if (!playableEntries(init.entries) && !this.transcode) {
      this.opts.logger.log('info', 'network source: the stream needs transcoding for the compositor', { source: this.opts.name, entries: init.entries.join(',') });
      this.transcode = true;
      // Straight into a transcoding attempt: not a failure of the stream.
      this.generation++;
      const p = this.process;
      this.process = null;
      void p?.dispose();
      void this.connect();
      return;
    }
    this.init = init;
    this.initAt = this.opts.clock.now();
  }

  private onFragment(gen: number, fragment: Fragment): void {
    if (gen !== this.generation || !this.init) return;
    this.lastFragmentAt = this.opts.clock.now();
    if (fragment.keyframe) {
      this.cache = [];
      this.cacheBytes = 0;
    }
    if (this.state !== 'live') {
      // Live from the first keyframe: a reader must start with one.
      if (!fragment.keyframe) return;
      this.state = 'live';
      this.reason = null;
      this.liveSince = this.opts.clock.now();
      this.opts.logger.log('info', 'network source live', { source: this.opts.name, url: this.opts.url.display, codecs: this.init.codecs.join(','), transcoding: this.transcode });
      this.opts.onStatus(this.status());
    }
    if (this.cacheBytes + fragment.bytes.length <= MAX_CACHE_BYTES) {
      this.cache.push(fragment.bytes);
      this.cacheBytes += fragment.bytes.length;
    }
    for (const r of this.readers) r.write(fragment.bytes);
  }

  /** The watchdog: no picture in time, or no fragment for STALL_MS while live, ends the attempt. */
  private arm(gen: number): void {
    const startedAt = this.opts.clock.now();
    const listener = this.opts.url.listener;
    const check = (): void => {
      this.watchdog = null;
      if (gen !== this.generation || this.disposed) return;
      const now = this.opts.clock.now();
      // A listener waits for its caller as long as it takes: the clock starts when one has called
      // (the init segment came), and FFmpeg stays bound meanwhile, so no caller finds the port shut.
      const since = listener ? this.initAt : startedAt;
      const stalled = this.state === 'live' ? now - this.lastFragmentAt >= STALL_MS : since !== null && now - since >= CONNECT_TIMEOUT_MS;
      if (stalled) {
        this.opts.logger.log('warn', 'network source: no data, reconnecting', { source: this.opts.name, url: this.opts.url.display });
        void this.process?.dispose();
        return;
      }
      this.watchdog = this.opts.clock.setTimeout(check, 1000);
    };
    this.watchdog = this.opts.clock.setTimeout(check, 1000);
  }

  private exited(gen: number, info: ExitInfo): void {
    if (gen !== this.generation || this.disposed) return;
    // A codec fragmented MP4 cannot carry (FLV's Sorenson H.263, …): FFmpeg refuses before the
    // init segment, so the next attempt transcodes.
    if (!this.init && !this.transcode && info.stderr.some((l) => CANNOT_COPY.test(l))) {
      this.transcode = true;
      this.opts.logger.log('info', 'network source: the stream needs transcoding for fragmented MP4', { source: this.opts.name });
    }
    // Before the picture the first telling line is the cause; after it, the last line is.
    const cause = this.init ? (info.stderr.at(-1) ?? null) : failureCause(info.stderr);
    // A refused certificate is the one failure the user fixes on this machine rather than the server's.
    const hint = cause && /certificate/i.test(cause) && !this.init ? "the server's TLS certificate is not trusted (a private CA: set STUDIO_NETWORK_CA_FILE to its PEM file)" : null;
    // FFmpeg's first line is only "unable to create/configure SRT socket"; the port is the cause.
    const taken = this.opts.url.listener && !this.init && info.stderr.some((l) => PORT_TAKEN.test(l)) ? `${this.opts.url.display} cannot listen: the port is already in use (another program, or another source listening on it)` : null;
    const why = taken ?? ([info.failure?.error.message, cause, hint].filter(Boolean).join(' — ') || (info.stderr.at(-1) ?? 'the stream ended'));
    // The card says it too: the user has to free the port or pick another, waiting will not help.
    this.lost(gen, why, taken ? `port ${portOf(this.opts.url.display)} is in use, retrying…` : undefined);
  }

  private lost(gen: number, why: string, reason = 'reconnecting…'): void {
    if (gen !== this.generation || this.disposed) return;
    this.process = null;
    this.clearTimers();
    this.endReaders();
    const now = this.opts.clock.now();
    if (this.liveSince !== null && now - this.liveSince >= STABLE_MS) this.attempt = 0;
    this.liveSince = null;
    const wasLive = this.state === 'live';
    // A listener whose caller left waits for the next one at once; a failing one (port taken) backs off.
    const relisten = this.opts.url.listener && wasLive;
    if (relisten) this.attempt = 0;
    this.attempt++;
    const delay = relisten ? RELISTEN_MS : retryDelayMs(this.attempt, this.opts.reconnect, this.opts.random);
    this.state = 'reconnecting';
    this.reason = reason;
    this.init = null;
    this.cache = [];
    this.cacheBytes = 0;
    this.opts.logger.log(wasLive ? 'warn' : 'info', 'network source down, reconnecting', {
      source: this.opts.name,
      url: this.opts.url.display,
      attempt: this.attempt,
      delayMs: delay,
      why,
    });
    this.opts.onStatus(this.status());
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private endReaders(): void {
    for (const r of [...this.readers]) r.end();
    this.readers.clear();
  }

  private clearTimers(): void {
    if (this.retryTimer) this.opts.clock.clearTimeout(this.retryTimer);
    if (this.watchdog) this.opts.clock.clearTimeout(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }
}

/** The port a display URL names ("srt://0.0.0.0:9000/…" → "9000"). */
function portOf(display: string): string {
  return /:(\d+)\/…$/.exec(display)?.[1] ?? '?';
}

/**
 * The wait before retry `attempt`: the backoff grown from reconnect_delay_sec, its jitter only
 * ever lengthening the wait, so no retry comes sooner than the delay the user set.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random?: () => number): number {
  return Math.max(policy.baseMs, backoffDelay(attempt, policy, random));
}

/**
 * The stderr line that says why an attempt failed. FFmpeg's last lines name only the list
 * ("Impossible to open '…'", "pipe:5: Invalid argument"); the cause comes before them: "Format not
 * on whitelist 'flv'", a refused certificate, a refused SRT passphrase, an HTTP 404.
 */
export function failureCause(stderr: readonly string[]): string | null {
  const generic = /Impossible to open|^pipe:\d+:|^\s*$|Error opening input|Unused options|Cannot open connection/i;
  return stderr.find((l) => !generic.test(l))?.trim() ?? null;
}
