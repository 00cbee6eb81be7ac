/**
 * The renderer's end of media control (see src/shared/media.ts). Players attach here by input
 * uuid: the link hands them the engine's media.action events and reports their status back
 * (renderer.mediaStatus) when it changes, when the cursor jumps (a seek, a loop) and once a second
 * while playing, so the engine can answer GetMediaInputStatus without asking. It also reports the
 * capture devices this renderer can open (renderer.devices), which fill camera device lists.
 */
import type { MediaAction, MediaDevice, MediaStatus, StudioBridge, StudioEvent } from '../../../shared';

/** How often players are looked at. */
const POLL_MS = 250;
/** A playing player is reported at least this often (the engine extrapolates in between). */
const HEARTBEAT_MS = 1000;
/** A cursor further than this from where the last report predicts is a jump worth telling. */
const JUMP_MS = 300;
/**
 * Only the output owner's reports count, and ownership moves (a window opens, another closes), so
 * everything is offered again this often: a few small messages, no bookkeeping of who owns what.
 */
const RESEND_MS = 5000;

export interface MediaPlayer {
  status(): MediaStatus;
  action(action: MediaAction, cursorMs?: number): void;
  /** The engine found the file can never play here (null: it can); see media.problem. */
  problem?(reason: string | null): void;
}

/** What a source runtime sees of the link (SourceContext.media). */
export interface MediaPort {
  /** Plays the engine's controls into `player` and reports its status; returns the detach. */
  attach(inputUuid: string, player: MediaPlayer): () => void;
  /** The devices as last enumerated (labels are empty until a capture permission was granted). */
  devices(): readonly MediaDevice[];
  /** Enumerates again (after a camera opened, labels become readable). */
  refreshDevices(): void;
}

type Bridge = Pick<StudioBridge, 'invoke' | 'subscribe'>;

interface Sent {
  status: MediaStatus;
  at: number;
}

export class MediaLink implements MediaPort {
  private readonly players = new Map<string, MediaPlayer>();
  private readonly sent = new Map<string, Sent>();
  private readonly gone = new Set<string>();
  /** The engine's media.problem verdicts by input, kept for players that attach later. */
  private readonly problems = new Map<string, string>();
  private deviceList: MediaDevice[] = [];
  private devicesKept = false;
  private devicesAt = 0;
  private resentAt = 0;
  private readonly offEvents: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private disposed = false;

  constructor(
    private readonly bridge: Bridge,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.offEvents = bridge.subscribe((e) => this.onEvent(e));
    this.timer = setInterval(() => this.poll(), POLL_MS);
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    md?.addEventListener?.('devicechange', this.onDeviceChange);
    this.refreshDevices();
  }

  attach(inputUuid: string, player: MediaPlayer): () => void {
    this.players.set(inputUuid, player);
    this.gone.delete(inputUuid);
    const problem = this.problems.get(inputUuid);
    if (problem) player.problem?.(problem);
    return () => {
      if (this.players.get(inputUuid) !== player) return;
      this.players.delete(inputUuid);
      this.gone.add(inputUuid);
    };
  }

  devices(): readonly MediaDevice[] {
    return this.deviceList;
  }

  refreshDevices(): void {
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!md?.enumerateDevices) return;
    md.enumerateDevices().then(
      (list) => {
        if (this.disposed) return;
        this.deviceList = list
          .filter((d) => (d.kind === 'videoinput' || d.kind === 'audioinput') && d.deviceId !== '')
          .map((d) => ({ kind: d.kind as MediaDevice['kind'], deviceId: d.deviceId, label: d.label }));
        this.sendDevices();
      },
      () => {},
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.offEvents();
    if (typeof navigator !== 'undefined') navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.players.clear();
  }

  /** One look at every player; public for tests. */
  poll(): void {
    const now = this.now();
    if (now - this.resentAt >= RESEND_MS) {
      this.resentAt = now;
      this.sent.clear();
      this.devicesKept = false;
    }
    const changed: MediaStatus[] = [];
    for (const [uuid, player] of this.players) {
      let status: MediaStatus;
      try {
        status = player.status();
      } catch {
        continue;
      }
      const last = this.sent.get(uuid);
      if (!last || worthSending(last, status, now)) {
        changed.push(status);
        this.sent.set(uuid, { status, at: now });
      }
    }
    for (const uuid of this.gone) {
      changed.push({ inputUuid: uuid, state: 'none', durationMs: null, cursorMs: null, rate: 1 });
      this.sent.delete(uuid);
    }
    this.gone.clear();
    if (changed.length > 0) void this.bridge.invoke('renderer.mediaStatus', { media: changed }).catch(() => {});
    if (!this.devicesKept && now - this.devicesAt >= RESEND_MS) this.sendDevices();
  }

  private sendDevices(): void {
    this.devicesAt = this.now();
    const devices = this.deviceList;
    void this.bridge.invoke('renderer.devices', { devices }).then(
      (r) => {
        this.devicesKept = r.ok && r.value.kept;
      },
      () => {},
    );
  }

  private readonly onDeviceChange = (): void => this.refreshDevices();

  private onEvent(e: StudioEvent): void {
    if (e.type === 'media.problem') {
      if (e.data.problem) this.problems.set(e.data.inputUuid, e.data.problem);
      else this.problems.delete(e.data.inputUuid);
      this.players.get(e.data.inputUuid)?.problem?.(e.data.problem);
      this.sent.delete(e.data.inputUuid);
    } else if (e.type === 'media.action') {
      const player = this.players.get(e.data.inputUuid);
      if (!player) return;
      try {
        player.action(e.data.action, e.data.cursorMs);
      } catch (err) {
        console.warn(`Media "${e.data.inputName}": ${e.data.action} failed (${String(err)}).`);
      }
      // Tell the engine at the next poll, whatever the player made of it.
      this.sent.delete(e.data.inputUuid);
    }
  }
}

/** Whether a status differs from the last one sent enough to tell the engine. */
export function worthSending(last: Sent, next: MediaStatus, now: number): boolean {
  const a = last.status;
  if (a.state !== next.state || a.durationMs !== next.durationMs || a.error !== next.error || a.rate !== next.rate) return true;
  if (next.state !== 'playing') return a.cursorMs !== next.cursorMs && Math.abs((a.cursorMs ?? 0) - (next.cursorMs ?? 0)) > JUMP_MS;
  if (now - last.at >= HEARTBEAT_MS) return true;
  if (a.cursorMs === null || next.cursorMs === null) return a.cursorMs !== next.cursorMs;
  const predicted = a.cursorMs + (now - last.at) * a.rate;
  return Math.abs(predicted - next.cursorMs) > JUMP_MS;
}
