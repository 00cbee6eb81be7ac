/**
 * The engine's network stream sources: one NetworkPull per ffmpeg_source input with
 * is_local_file false and a URL, started when the input appears (or its URL changes) and disposed
 * when it goes, as OBS opens a network media source while it exists. What each pull is doing goes
 * to the MediaTracker (GetMediaInputStatus, and media.problem so every compositor shows
 * "reconnecting…" on the source while it is down); its bytes go to the hosts' media route
 * (`studio-stream:<input uuid>`, server mode's /media and the desktop's studio-media:), which hands
 * them to the compositors' players.
 */
import { NETWORK_STREAM_PREFIX, type Result, type StudioDocument } from '../../shared';
import type { Clock, Logger } from '../api';
import { NetworkPull, type PullReader, type PullStatus } from './network-pull';
import { inputFormat, networkInputUrl, parseNetworkUrl, reconnectPolicy, systemCaBundle } from './network-url';

export interface NetworkStreamState {
  state: 'opening' | 'buffering' | 'error';
  reason: string | null;
}

export interface NetworkSourcesOptions {
  clock: Clock;
  logger: Logger;
  ffmpegPath: () => Promise<Result<string>>;
  /** Where the pull's secrets go, so no log line shows them (the studio's scrub set). */
  secrets: Set<string>;
  /**
   * A PEM bundle trusted instead of the system's for rtmps:// and https:// pulls (the host's
   * STUDIO_NETWORK_CA_FILE: a private CA, or a test's self-signed server). Absent: the system's
   * bundle (network-url.ts systemCaBundle).
   */
  caFile?: string;
  /** A source's state changed: null state = live (the player's own report counts). */
  onState: (inputUuid: string, state: NetworkStreamState | null) => void;
}

/** What a host's media route needs to serve one stream. */
export interface NetworkStreamHandle {
  mimeType: string;
  /** Starts the bytes (init segment, the fragments since the last keyframe, then live); returns the stop. */
  read(reader: PullReader): Result<() => void>;
}

interface Entry {
  /** What the pull was started with: a change to any of it restarts the pull. */
  key: string;
  pull: NetworkPull;
}

export class NetworkSources {
  private readonly pulls = new Map<string, Entry>();
  private disposed = false;
  private readonly caFile: string | undefined;

  constructor(private readonly opts: NetworkSourcesOptions) {
    this.caFile = opts.caFile ?? systemCaBundle();
  }

  /** Starts, restarts and stops pulls to match the document's inputs. */
  documentChanged(doc: StudioDocument): void {
    if (this.disposed) return;
    const wanted = new Map<string, { name: string; url: string; key: string; settings: Record<string, unknown> }>();
    for (const input of doc.inputs) {
      const url = networkInputUrl(input);
      if (!url) continue;
      const format = input.settings['input_format'];
      const key = JSON.stringify([url, reconnectPolicy(input.settings).baseMs, typeof format === 'string' ? format.trim() : format ?? '']);
      wanted.set(input.uuid, { name: input.name, url, key, settings: input.settings });
    }
    for (const [uuid, entry] of [...this.pulls]) {
      const want = wanted.get(uuid);
      if (want && want.key === entry.key) continue;
      this.pulls.delete(uuid);
      void entry.pull.dispose();
      if (!want) this.opts.onState(uuid, null);
    }
    for (const [uuid, want] of wanted) {
      if (this.pulls.has(uuid)) continue;
      const parsed = parseNetworkUrl(want.url);
      if (!parsed.ok) {
        // Saved before the rule existed, or edited by hand: said on the source, never pulled.
        this.opts.onState(uuid, { state: 'error', reason: parsed.error.message });
        continue;
      }
      const format = inputFormat(want.settings);
      if (!format.ok) {
        this.opts.onState(uuid, { state: 'error', reason: format.error.message });
        continue;
      }
      for (const s of parsed.value.secrets) this.opts.secrets.add(s);
      const pull = new NetworkPull({
        name: want.name,
        url: parsed.value,
        ffmpegPath: this.opts.ffmpegPath,
        clock: this.opts.clock,
        logger: this.opts.logger,
        reconnect: reconnectPolicy(want.settings),
        inputFormat: format.value,
        ...(this.caFile ? { caFile: this.caFile } : {}),
        onStatus: (status) => {
          if (this.pulls.get(uuid)?.pull === pull) this.opts.onState(uuid, toState(status));
        },
      });
      this.pulls.set(uuid, { key: want.key, pull });
      this.opts.onState(uuid, toState(pull.status()));
      pull.start();
    }
  }

  /** The stream of an input while it is live, else null. */
  stream(inputUuid: string): NetworkStreamHandle | null {
    const pull = this.pulls.get(inputUuid)?.pull;
    const mimeType = pull?.mimeType();
    if (!pull || !mimeType) return null;
    return { mimeType, read: (reader) => pull.read(reader) };
  }

  /** The pull's status, for tests and diagnostics. */
  status(inputUuid: string): PullStatus | null {
    return this.pulls.get(inputUuid)?.pull.status() ?? null;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.pulls.values()];
    this.pulls.clear();
    await Promise.all(all.map((e) => e.pull.dispose()));
  }
}

/** The input uuid a media route's `path` names, when it names a network stream. */
export function networkStreamUuid(requested: string): string | null {
  return requested.startsWith(NETWORK_STREAM_PREFIX) ? requested.slice(NETWORK_STREAM_PREFIX.length) : null;
}

function toState(s: PullStatus): NetworkStreamState | null {
  if (s.state === 'live') return null;
  // OBS's states: opening until the first picture, buffering while it waits for the stream again.
  return { state: s.state === 'connecting' ? 'opening' : 'buffering', reason: s.reason };
}
