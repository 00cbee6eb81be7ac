/**
 * Connected renderers and who owns program output. Every renderer composites its own preview; only
 * the owner's frames reach the encoder, and it is told to send them (renderer.outputOwner) only while
 * the output runs, so an idle studio does not push 40 MB/s of frames nobody encodes.
 *
 * Ownership: a 'primary' claim (desktop window, headless compositor) beats a 'secondary' one (a
 * browser tab on the server URL); among equals the earliest claim wins; when the owner leaves, the
 * best remaining claimant takes over.
 *
 * Screenshots: capture() asks ONE renderer to render a picture (renderer.captureRequest) and waits
 * for its renderer.captureResult. It asks the output owner (the best claim); a claimant whose
 * compositor reported that it has no WebGL is passed over for one that can render. Sessions that
 * never claimed output (test clients, remote tools) have no compositor and are never asked.
 */
import { randomUUID } from 'node:crypto';
import {
  HOST_ONLY_COMMANDS,
  RENDERER_WARNING_MAX_CHARS,
  Status,
  fail,
  ok,
  type CommandType,
  type DestinationState,
  type InputLevels,
  type KindDescriptor,
  type RendererStats,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../shared';
import type { Clock, RendererSession, RendererSink, TimerHandle } from './api';
import { systemClock } from './clock';

type Priority = 'primary' | 'secondary';

interface HubOptions {
  getDocument(): StudioDocument;
  outputActive(): boolean;
  kinds(): KindDescriptor[];
  streamState(): DestinationState;
  execute(type: CommandType, args: unknown): Promise<Result<unknown>>;
  pushFrame(message: Uint8Array, ack: (sequence: number) => void): void;
  reportRenderer(stats: RendererStats): void;
  /** The output owner's problems (renderer.warning), cleaned of control characters. */
  reportWarning?(message: string): void;
  /** The output owner's latest audio levels (renderer.audioLevels), as they arrive. */
  reportLevels?(levels: InputLevels[]): void;
  /** A renderer's media players or capture devices (engine/media/tracker.ts); only the owner's count. */
  reportMedia?(type: 'renderer.mediaStatus' | 'renderer.devices', args: unknown, fromOwner: boolean): Result<{ kept: boolean }>;
  startupNotices: { level: 'info' | 'warning' | 'error'; message: string }[];
  /**
   * The current state of things that are otherwise only told as they change (encoder choice,
   * recording, diagnosis, stats history), sent to each renderer right after its greeting.
   */
  replay?(): StudioEvent[];
  /** Times out unanswered screenshot requests; defaults to the real clock. */
  clock?: Clock;
  /** How long a renderer has to answer a screenshot request. Default CAPTURE_TIMEOUT_MS. */
  captureTimeoutMs?: number;
}

/** What the engine asks a renderer to capture (renderer.captureRequest without its id). */
export type CaptureSpec = Omit<EventData<'renderer.captureRequest'>, 'requestId'>;
type EventData<T extends StudioEvent['type']> = Extract<StudioEvent, { type: T }>['data'];

export const CAPTURE_TIMEOUT_MS = 5000;
/** A data: URL longer than this is refused; the socket transport would refuse it anyway. */
const MAX_DATA_URL_CHARS = 64 * 1024 * 1024;
/** Renderer error texts are shown to users; keep them one short line. */
const MAX_ERROR_CHARS = 300;
/** Bounds on a renderer.audioLevels report: far above any real mixer, low enough to stay cheap. */
const MAX_LEVEL_INPUTS = 256;
const MAX_LEVEL_CHANNELS = 8;

interface PendingCapture {
  member: Member;
  format: CaptureSpec['format'];
  resolve(result: Result<{ dataUrl: string }>): void;
  timer: TimerHandle;
}

interface Member {
  sink: RendererSink;
  claim: { priority: Priority; order: number } | null;
  /** What this member was last told about ownership, so we only send changes. */
  told: boolean | null;
  /** False once its compositor reported that WebGL is unavailable (it cannot take screenshots). */
  canRender: boolean;
}

export class RendererHub {
  private readonly members = new Set<Member>();
  private readonly captures = new Map<string, PendingCapture>();
  private readonly clock: Clock;
  private claims = 0;

  constructor(private readonly options: HubOptions) {
    this.clock = options.clock ?? systemClock;
  }

  open(sink: RendererSink): RendererSession {
    const member: Member = { sink, claim: null, told: null, canRender: true };
    this.members.add(member);
    this.greet(member);
    let closed = false;
    return {
      call: async (type, args) => {
        if (closed) return fail(Status.NotReady, 'This renderer session is closed.');
        if (type === 'renderer.claimOutput') return this.claim(member, args);
        if (type === 'renderer.captureResult') return this.captureResult(member, args);
        if (type === 'renderer.audioLevels') return this.audioLevels(member, args);
        if (type === 'renderer.warning') return this.warning(member, args);
        if (type === 'renderer.mediaStatus' || type === 'renderer.devices') {
          return this.options.reportMedia?.(type, args, this.owner() === member) ?? ok({ kept: false });
        }
        if (HOST_ONLY_COMMANDS.has(type)) return fail(Status.HostOnly, hostOnlyMessage(type));
        return this.options.execute(type, args);
      },
      frame: (message) => {
        if (closed) return;
        if (this.owner() === member && this.options.outputActive()) {
          this.options.pushFrame(message, (sequence) => member.sink.ack(sequence));
          return;
        }
        // Not wanted: acknowledge at once so the sender's flow control never stalls on us.
        const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
        if (view.byteLength >= 24) member.sink.ack(view.getFloat64(16, true));
      },
      stats: (stats) => {
        if (closed) return;
        member.canRender = stats.glRenderer !== 'unavailable';
        if (this.owner() === member) this.options.reportRenderer(stats);
      },
      dispose: () => {
        if (closed) return;
        closed = true;
        this.members.delete(member);
        this.cancelCaptures(member, 'The renderer taking the screenshot disconnected before it was ready; try again.');
        this.refreshOwnership();
      },
    };
  }

  broadcast(event: StudioEvent): void {
    for (const member of this.members) member.sink.event(event);
  }

  /** Re-evaluates who sends frames and tells every member whose answer changed. */
  refreshOwnership(): void {
    const owner = this.owner();
    const active = this.options.outputActive();
    for (const member of this.members) {
      const sending = active && member === owner;
      if (member.told === sending) continue;
      member.told = sending;
      member.sink.event({ type: 'renderer.outputOwner', data: { owner: sending } });
    }
  }

  /**
   * Asks one renderer's compositor for a picture and waits for its answer. Never rejects: no
   * renderer, a renderer that leaves, an error in the renderer and a timeout are all Results.
   */
  capture(spec: CaptureSpec): Promise<Result<{ dataUrl: string }>> {
    const member = this.captureTarget();
    if (!member) {
      return Promise.resolve(
        fail(
          Status.NotReady,
          'No compositor is connected to render the screenshot; open the studio window, or start server mode with --headless.',
        ),
      );
    }
    const requestId = randomUUID();
    const timeoutMs = this.options.captureTimeoutMs ?? CAPTURE_TIMEOUT_MS;
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.settleCapture(
          requestId,
          fail(Status.NotReady, `The compositor did not answer the screenshot request within ${timeoutMs / 1000} s; try again.`),
        );
      }, timeoutMs);
      this.captures.set(requestId, { member, format: spec.format, resolve, timer });
      try {
        member.sink.event({ type: 'renderer.captureRequest', data: { requestId, ...spec } });
      } catch (error) {
        this.settleCapture(requestId, fail(Status.NotReady, `The screenshot request could not reach the compositor (${String(error)}).`));
      }
    });
  }

  dispose(): void {
    for (const id of [...this.captures.keys()]) this.settleCapture(id, fail(Status.NotReady, 'The studio is shutting down.'));
    this.members.clear();
  }

  private claim(member: Member, args: unknown): Result<{ granted: boolean }> {
    const priority = (args as { priority?: unknown } | null)?.priority;
    if (priority !== 'primary' && priority !== 'secondary') {
      return fail(Status.InvalidRequestField, "priority must be 'primary' or 'secondary'.", 'priority');
    }
    member.claim = { priority, order: this.claims++ };
    this.refreshOwnership();
    return ok({ granted: this.owner() === member });
  }

  /** The output owner, unless it cannot render and another claimant can. */
  private captureTarget(): Member | null {
    let best: Member | null = null;
    for (const member of this.members) {
      if (!member.claim) continue;
      if (!best?.claim) best = member;
      else if (member.canRender !== best.canRender) {
        if (member.canRender) best = member;
      } else if (rank(member.claim) < rank(best.claim)) best = member;
    }
    return best;
  }

  /** A renderer's answer. Only the session that was asked may answer, and only once. */
  private captureResult(member: Member, args: unknown): Result<null> {
    const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    const { requestId, dataUrl, error } = a;
    if (typeof requestId !== 'string' || requestId === '') {
      return fail(Status.InvalidRequestField, 'requestId must be the id of a renderer.captureRequest.', 'requestId');
    }
    if (dataUrl !== undefined && typeof dataUrl !== 'string') {
      return fail(Status.InvalidRequestFieldType, 'dataUrl must be a string.', 'dataUrl');
    }
    if (error !== undefined && typeof error !== 'string') return fail(Status.InvalidRequestFieldType, 'error must be a string.', 'error');
    if ((dataUrl === undefined) === (error === undefined)) {
      return fail(Status.InvalidRequestField, 'Send exactly one of dataUrl or error.', dataUrl === undefined ? 'dataUrl' : 'error');
    }
    const pending = this.captures.get(requestId);
    if (!pending || pending.member !== member) {
      return fail(Status.ResourceNotFound, 'No screenshot request with that id is waiting for this renderer (it may have timed out).', 'requestId');
    }
    if (error !== undefined) {
      const why = error.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_CHARS) || 'no reason given';
      this.settleCapture(requestId, fail(Status.RequestProcessingFailed, `The compositor could not render the screenshot: ${why}`));
      return ok(null);
    }
    const url = dataUrl as string;
    if (!isImageDataUrl(url, pending.format)) {
      this.settleCapture(requestId, fail(Status.RequestProcessingFailed, 'The compositor returned an image the studio cannot use; try again.'));
      return fail(Status.InvalidRequestField, `dataUrl must be a base64 data: URL of an image/${pending.format} of at most ${MAX_DATA_URL_CHARS} characters.`, 'dataUrl');
    }
    this.settleCapture(requestId, ok({ dataUrl: url }));
    return ok(null);
  }

  /**
   * Meters follow the best claimant, the session that owns program output whenever output runs:
   * unlike frames they are wanted while idle too (OBS's meters move before you go live). Reports
   * from any other session are dropped, so two open windows never fight over the meters.
   */
  private audioLevels(member: Member, args: unknown): Result<{ kept: boolean }> {
    const levels = parseLevels(args);
    if (typeof levels === 'string') return fail(Status.InvalidRequestField, levels, 'levels');
    const kept = this.owner() === member;
    if (kept) this.options.reportLevels?.(levels);
    return ok({ kept });
  }

  /** A compositor's problem, for people: the owner's becomes a notice (see reportWarning). */
  private warning(member: Member, args: unknown): Result<{ kept: boolean }> {
    const message = (args as { message?: unknown } | null)?.message;
    if (typeof message !== 'string' || message.trim() === '' || message.length > RENDERER_WARNING_MAX_CHARS) {
      return fail(Status.InvalidRequestField, `message must be text of 1 to ${RENDERER_WARNING_MAX_CHARS} characters.`, 'message');
    }
    const kept = this.owner() === member;
    // Control characters (a path may hold any) would garble a log line or a notice.
    if (kept) this.options.reportWarning?.(message.replace(/[\u0000-\u001f\u007f]/g, ' ').trim());
    return ok({ kept });
  }

  private settleCapture(requestId: string, result: Result<{ dataUrl: string }>): void {
    const pending = this.captures.get(requestId);
    if (!pending) return;
    this.captures.delete(requestId);
    this.clock.clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private cancelCaptures(member: Member, message: string): void {
    for (const [id, pending] of [...this.captures]) {
      if (pending.member === member) this.settleCapture(id, fail(Status.NotReady, message));
    }
  }

  private owner(): Member | null {
    let best: Member | null = null;
    for (const member of this.members) {
      if (!member.claim) continue;
      if (!best?.claim) best = member;
      else if (rank(member.claim) < rank(best.claim)) best = member;
    }
    return best;
  }

  private greet(member: Member): void {
    const { sink } = member;
    sink.event({ type: 'kinds.list', data: { kinds: this.options.kinds() } });
    sink.event({ type: 'document.changed', data: { document: this.options.getDocument(), cause: 'hello' } });
    sink.event({ type: 'stream.state', data: { state: this.options.streamState() } });
    for (const notice of this.options.startupNotices) sink.event({ type: 'notice', data: notice });
    for (const event of this.options.replay?.() ?? []) sink.event(event);
    member.told = false;
    sink.event({ type: 'renderer.outputOwner', data: { owner: false } });
  }
}

function isImageDataUrl(url: string, format: CaptureSpec['format']): boolean {
  const prefix = `data:image/${format};base64,`;
  if (url.length > MAX_DATA_URL_CHARS || !url.startsWith(prefix)) return false;
  const payload = url.slice(prefix.length);
  return payload.length > 0 && payload.length % 4 === 0 && BASE64.test(payload);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A renderer.audioLevels report, or what is wrong with it. Levels are finite and ≥ 0. */
function parseLevels(args: unknown): InputLevels[] | string {
  const raw = (args as { levels?: unknown } | null)?.levels;
  const shape = `levels must be at most ${MAX_LEVEL_INPUTS} of { inputUuid, levelsMul: [magnitude, peak, inputPeak][] }.`;
  if (!Array.isArray(raw) || raw.length > MAX_LEVEL_INPUTS) return shape;
  const out: InputLevels[] = [];
  for (const entry of raw as unknown[]) {
    const { inputUuid, levelsMul } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof inputUuid !== 'string' || inputUuid === '' || !Array.isArray(levelsMul) || levelsMul.length > MAX_LEVEL_CHANNELS) return shape;
    const channels: number[][] = [];
    for (const ch of levelsMul as unknown[]) {
      if (!Array.isArray(ch) || ch.length !== 3 || !ch.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) return shape;
      channels.push([...(ch as number[])]);
    }
    out.push({ inputUuid, levelsMul: channels });
  }
  return out;
}

/** Lower is better: primaries first, then the earliest claim. */
function rank(claim: { priority: Priority; order: number }): number {
  return (claim.priority === 'primary' ? 0 : 1e9) + claim.order;
}

/** What a renderer that sent a host-only command is told: where the setting is changed instead. */
export function hostOnlyMessage(type: CommandType): string {
  if (type === 'output.setFfmpegPath') {
    return 'The FFmpeg path cannot be changed from a page: in the desktop app choose it in Settings → Output (a file dialog of the app itself); in server mode start the studio with --ffmpeg PATH or set FFMPEG_PATH.';
  }
  return `${type} can only be run by the studio's own process, not from a page or a remote client.`;
}
