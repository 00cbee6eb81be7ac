/**
 * The studio's commands for the output, between the document (which destinations exist, their
 * settings, whether they are enabled) and the StreamOutput (what runs): stream.start starts every
 * enabled destination; destination.start/stop/reconnect act on one while the others carry on.
 * Stream keys are read from the secret store here, joined into the URL handed to the output, and
 * added to the set of secrets every log line is scrubbed of.
 */
import {
  Status,
  fail,
  ok,
  type Destination,
  type NoticeLevel,
  type Result,
  type StudioDocument,
} from '../../shared';
import { parseArgs } from '../document/issues';
import { destinationRefSchema } from '../document/schemas';
import type { AudienceMonitor } from '../audience/monitor';
import { streamRef } from '../audience/readers';
import { platformWarnings } from '../platforms';
import { streamUrl } from '../stream-url';
import type { EncoderName } from './encoders/catalog';
import type { EncoderSelection } from './encoder-selection';
import { ffmpegStaticPath, locateFfmpeg } from './locate-ffmpeg';
import { signPublishUrl } from './signing';
import type { OutputDestination, StreamOutput } from './stream-output';
import { outputCanvases } from './canvas-plan';

export type OutputCommand = 'destination.start' | 'destination.stop' | 'destination.reconnect';

export const isOutputCommand = (type: string): type is OutputCommand =>
  type === 'destination.start' || type === 'destination.stop' || type === 'destination.reconnect';

export interface OutputControlOptions {
  output: StreamOutput;
  document: () => StudioDocument;
  /** The stored key of a destination, from the secret store. */
  streamKey: (destinationId: string) => Promise<string | undefined>;
  /** The private key a destination signs its URL with, from the secret store. */
  signingKey: (destinationId: string) => Promise<string | undefined>;
  /** Reads the receiving servers' audience figures (the destinations' audience sources). */
  audience?: AudienceMonitor;
  /** Unix time in ms, stamped into signed URLs; Date.now unless a test fakes it. */
  wallClock?: () => number;
  /** Keys handed to FFmpeg are added here, so every log line hides them. */
  secrets: Set<string>;
  env: Record<string, string | undefined>;
  notify: (level: NoticeLevel, message: string) => void;
  /** Which encoder to stream with (probed). */
  encoders: EncoderSelection;
}

export class OutputControl {
  /** The FFmpeg binary of the last start, for /healthz. */
  lastFfmpeg: string | null = null;

  constructor(private readonly opts: OutputControlOptions) {}

  private running(): boolean {
    return !['idle', 'failed'].includes(this.opts.output.state());
  }

  /** stream.start: every enabled destination at once. */
  async startStream(): Promise<Result<null>> {
    if (this.running()) return fail(Status.OutputRunning, 'The stream is already running.');
    const doc = this.opts.document();
    const enabled = doc.destinations.filter((d) => d.enabled);
    if (enabled.length === 0) {
      return fail(
        Status.InvalidResourceState,
        doc.destinations.length === 0
          ? 'Add a destination (server URL and stream key) in Settings before going live.'
          : 'Every destination is disabled; enable at least one in Settings before going live.',
      );
    }
    return this.start(enabled);
  }

  async execute(type: OutputCommand, args: unknown): Promise<Result<null>> {
    const parsed = parseArgs(destinationRefSchema, args === undefined ? {} : args);
    if (!parsed.ok) return parsed;
    const { id } = parsed.value;
    const dest = this.opts.document().destinations.find((d) => d.id === id);
    const output = this.opts.output;
    if (type === 'destination.stop') {
      if (!this.running() || output.destinationState(id) === null) return fail(Status.OutputNotRunning, 'That destination is not running.');
      return output.stopDestination(id);
    }
    if (!dest) return fail(Status.ResourceNotFound, `There is no destination with id "${id}".`, 'id');
    // Not running yet: starting (or reconnecting) one destination starts the stream with just it.
    if (!this.running()) return this.start([dest]);
    const state = output.destinationState(id);
    if (type === 'destination.reconnect' && state !== null && state !== 'failed' && state !== 'idle') {
      return output.reconnectDestination(id);
    }
    if (type === 'destination.start' && state !== null && state !== 'failed' && state !== 'idle') {
      return fail(Status.OutputRunning, `"${dest.name}" is already running.`);
    }
    // Idle or failed: start afresh with the settings and key as they are now (the user may have fixed them).
    this.warn([dest]);
    return output.startDestination(await this.spec(dest));
  }

  /**
   * Keeps what runs in step with the document: removed destinations stop, renamed ones follow, a
   * changed rendition or audio-only switch applies to a running one, and new encoder settings or
   * output size apply to the running encoders (live reconfiguration; the document has already
   * refused what cannot change while live).
   */
  documentChanged(doc: StudioDocument): void {
    const output = this.opts.output;
    if (output.changesLive({ video: doc.video, encoder: doc.output.encoder })) {
      void output.reconfigure({ video: doc.video, encoder: doc.output.encoder }).then((done) => {
        if (!done.ok && done.error.code !== Status.OutputNotRunning) this.opts.notify('error', done.error.message);
        else if (done.ok) this.opts.notify('info', 'The new encoder settings are on air; every destination stayed connected.');
      });
    }
    if (!this.running()) return;
    for (const s of output.destinationStats()) {
      const d = doc.destinations.find((x) => x.id === s.id);
      if (!d) {
        if (s.state !== 'idle' && s.state !== 'failed') void output.stopDestination(s.id);
        continue;
      }
      if (d.name !== s.name) output.renameDestination(d.id, d.name);
      const updated = output.updateDestination(d.id, { audioOnly: d.audioOnly, rendition: d.rendition });
      if (!updated.ok) this.opts.notify('error', `${d.name}: ${updated.error.message}`);
    }
  }

  private async start(dests: Destination[]): Promise<Result<null>> {
    const doc = this.opts.document();
    const ffmpeg = await locateFfmpeg({ setting: doc.output.ffmpegPath, env: this.opts.env, staticPath: ffmpegStaticPath() });
    if (!ffmpeg.ok) {
      this.opts.notify('error', ffmpeg.error.message);
      return ffmpeg;
    }
    this.lastFfmpeg = ffmpeg.value.path;
    // STUDIO_OUTPUT_SINK=null encodes but discards the result: used by bench/frame-path.mjs.
    const discard = this.opts.env['STUDIO_OUTPUT_SINK'] === 'null';
    // The pushers' preset probe runs while the encoder choice and the keys are read.
    if (!discard) this.opts.output.warmUp(ffmpeg.value.path);
    if (!discard) this.warn(dests);
    const choice = await this.opts.encoders.forStream();
    // The user asked for an encoder that cannot be used here: say what happens instead.
    const wanted = doc.output.encoder.encoder;
    if (!choice.tested || (wanted !== 'auto' && wanted !== choice.name)) this.opts.notify('warning', choice.why);
    const started = await this.opts.output.start({
      ffmpegPath: ffmpeg.value.path,
      video: doc.video,
      encoder: doc.output.encoder,
      codec: choice.name as EncoderName,
      destinations: discard ? [] : await Promise.all(dests.map((d) => this.spec(d))),
      discard,
      canvases: outputCanvases(doc),
    });
    if (started.ok && this.opts.output.keysPrivate() === false) {
      this.opts.notify(
        'warning',
        'This FFmpeg cannot take the stream key privately, so other users of this computer can see it while you stream. Use FFmpeg from your system or the one the studio ships.',
      );
    }
    return started;
  }

  private async spec(d: Destination): Promise<OutputDestination> {
    const key = (await this.opts.streamKey(d.id)) ?? '';
    if (key) this.opts.secrets.add(key);
    const sign = await this.signer(d);
    const url = streamUrl(d.server, key);
    this.opts.audience?.watch(d.id, d.audience, streamRef(url));
    return { id: d.id, name: d.name, url, audioOnly: d.audioOnly, rendition: d.rendition, audioTrack: d.audioTrack ?? 1, ...(sign && { sign }), ...(d.canvas && { canvas: d.canvas }) };
  }

  /** A destination's signing rule as a function the output calls at every connect. */
  private async signer(d: Destination): Promise<OutputDestination['sign']> {
    if (!d.signing) return undefined;
    const privateKey = await this.opts.signingKey(d.id);
    if (!privateKey) {
      return () =>
        fail(Status.InvalidResourceState, `"${d.name}" signs its push URL but has no private key: enter it in the destination's settings.`);
    }
    this.opts.secrets.add(privateKey);
    const rule = { scheme: d.signing.scheme, privateKey, offsetSeconds: d.signing.offsetSeconds };
    const nowMs = this.opts.wallClock ?? Date.now;
    return (url) => {
      const signed = signPublishUrl(url, rule, { nowMs });
      // Valid until the server's period runs out: scrubbed from logs like a key.
      this.opts.secrets.add(signed.token);
      return ok(signed.url);
    };
  }

  private warn(dests: Destination[]): void {
    const encoder = this.opts.document().output.encoder;
    for (const d of dests) for (const message of platformWarnings(d, encoder)) this.opts.notify('warning', message);
  }
}
