/**
 * The engine's view of media playback and capture devices. Playback happens in the renderers (each
 * composites its own preview with its own <video>), so the engine relays controls to them
 * (media.action) and keeps what the output owner's renderer reports: each player's state, duration
 * and cursor (renderer.mediaStatus), and its capture devices (renderer.devices). Between reports the
 * cursor of a playing input moves on with the clock, so GetMediaInputStatus reads a live position.
 */
import {
  MEDIA_ACTIONS,
  MEDIA_KIND_IDS,
  MEDIA_STATES,
  Status,
  fail,
  ok,
  type MediaAction,
  type MediaDevice,
  type MediaState,
  type MediaStatus,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import type { Clock } from '../api';

/** Bounds on a report: far above any real show, low enough to stay cheap to check. */
const MAX_PLAYERS = 256;
const MAX_DEVICES = 128;
const MAX_TEXT = 300;

interface Kept {
  status: MediaStatus;
  /** clock.now() when it arrived. */
  at: number;
}

export interface MediaTrackerOptions {
  clock: Clock;
  document(): StudioDocument;
  emit(event: StudioEvent): void;
}

export class MediaTracker {
  private readonly players = new Map<string, Kept>();
  private deviceList: MediaDevice[] = [];
  /** Why an input's file cannot play (the engine's own probe), by input uuid. */
  private readonly problems = new Map<string, string>();
  /** Network stream sources that have no picture now, as the engine's pull sees them (network-sources.ts). */
  private readonly streams = new Map<string, { state: MediaState; reason: string | null }>();

  constructor(private readonly opts: MediaTrackerOptions) {}

  /** OBS answers media requests for any input: one that plays nothing is 'none'. */
  status(inputUuid: string): MediaStatus {
    const kept = this.players.get(inputUuid);
    const problem = this.problems.get(inputUuid);
    if (problem) return { inputUuid, state: 'error', durationMs: null, cursorMs: null, rate: 1, error: problem };
    const down = this.streams.get(inputUuid);
    if (down) return { inputUuid, state: down.state, durationMs: null, cursorMs: null, rate: 1, ...(down.reason ? { error: down.reason } : {}) };
    if (!kept) return { inputUuid, state: 'none', durationMs: null, cursorMs: null, rate: 1 };
    const s = kept.status;
    if (s.state !== 'playing' || s.cursorMs === null) return { ...s };
    let cursor = s.cursorMs + (this.opts.clock.now() - kept.at) * s.rate;
    if (s.durationMs !== null) cursor = Math.min(cursor, s.durationMs);
    return { ...s, cursorMs: Math.round(cursor) };
  }

  devices(): MediaDevice[] {
    return this.deviceList.map((d) => ({ ...d }));
  }

  /** The media.action command: checked here, applied by the renderers. */
  action(args: unknown): Result<null> {
    const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    const { inputUuid, action, cursorMs } = a;
    if (typeof inputUuid !== 'string') return fail(Status.MissingRequestField, 'inputUuid is required.', 'inputUuid');
    const input = this.opts.document().inputs.find((i) => i.uuid === inputUuid);
    if (!input) return fail(Status.ResourceNotFound, `No input has the UUID ${inputUuid}.`, 'inputUuid');
    if (typeof action !== 'string' || !MEDIA_ACTIONS.includes(action as MediaAction)) {
      return fail(Status.InvalidRequestField, `action must be one of ${MEDIA_ACTIONS.join(', ')}.`, 'action');
    }
    if (action === 'seek' && !(typeof cursorMs === 'number' && Number.isFinite(cursorMs) && cursorMs >= 0)) {
      return fail(Status.InvalidRequestField, 'A seek needs cursorMs, a position in milliseconds (≥ 0).', 'cursorMs');
    }
    // A valid action on an input that plays nothing does nothing, as in OBS.
    if (!MEDIA_KIND_IDS.includes(input.kind)) return ok(null);
    this.anticipate(inputUuid, action as MediaAction, cursorMs as number | undefined);
    const data = { inputUuid, inputName: input.name, action: action as MediaAction, ...(action === 'seek' ? { cursorMs: cursorMs as number } : {}) };
    this.opts.emit({ type: 'media.action', data });
    return ok(null);
  }

  /** A renderer.mediaStatus report; only the output owner's is kept. */
  report(args: unknown, fromOwner: boolean): Result<{ kept: boolean }> {
    const parsed = parseStatuses(args);
    if (typeof parsed === 'string') return fail(Status.InvalidRequestField, parsed, 'media');
    if (!fromOwner) return ok({ kept: false });
    const now = this.opts.clock.now();
    const doc = this.opts.document();
    for (const status of parsed) {
      const input = doc.inputs.find((i) => i.uuid === status.inputUuid);
      if (!input) continue;
      const previous = this.players.get(status.inputUuid)?.status.state ?? 'none';
      this.players.set(status.inputUuid, { status, at: now });
      // A network stream that is down: the engine's state is the one told (setStreamState).
      if (this.streams.has(status.inputUuid)) continue;
      if (previous !== status.state) {
        const data = { inputUuid: input.uuid, inputName: input.name, state: status.state, previous, ...(status.error ? { error: status.error } : {}) };
        this.opts.emit({ type: 'media.state', data });
      }
    }
    return ok({ kept: true });
  }

  /** A renderer.devices report; only the output owner's is kept. */
  reportDevices(args: unknown, fromOwner: boolean): Result<{ kept: boolean }> {
    const parsed = parseDevices(args);
    if (typeof parsed === 'string') return fail(Status.InvalidRequestField, parsed, 'devices');
    if (!fromOwner) return ok({ kept: false });
    const same = JSON.stringify(parsed) === JSON.stringify(this.deviceList);
    this.deviceList = parsed;
    if (!same) this.opts.emit({ type: 'devices.changed', data: { devices: this.devices() } });
    return ok({ kept: true });
  }

  /**
   * The engine's verdict on an input's file (null = it can play), from ./check.ts: renderers hear of
   * it (media.problem) and show it on the source instead of trying. Answers whether it changed.
   */
  setProblem(inputUuid: string, problem: string | null): boolean {
    const changed = (this.problems.get(inputUuid) ?? null) !== problem;
    if (problem) this.problems.set(inputUuid, problem);
    else this.problems.delete(inputUuid);
    if (changed) this.opts.emit({ type: 'media.problem', data: { inputUuid, problem } });
    return changed;
  }

  /**
   * A network stream source's state while it has no picture (null: it is live, and the player's
   * reports count again). Renderers hear the reason as a media.problem, and show it on the source.
   */
  setStreamState(inputUuid: string, down: { state: MediaState; reason: string | null } | null): void {
    const before = this.streams.get(inputUuid) ?? null;
    if (down) this.streams.set(inputUuid, down);
    else this.streams.delete(inputUuid);
    if ((before?.state ?? 'playing') !== (down?.state ?? 'playing')) {
      const input = this.opts.document().inputs.find((i) => i.uuid === inputUuid);
      const previous = before?.state ?? this.players.get(inputUuid)?.status.state ?? 'none';
      const state = down?.state ?? this.players.get(inputUuid)?.status.state ?? 'opening';
      if (input && previous !== state) {
        this.opts.emit({ type: 'media.state', data: { inputUuid, inputName: input.name, state, previous, ...(down?.reason ? { error: down.reason } : {}) } });
      }
    }
    if ((before?.reason ?? null) !== (down?.reason ?? null)) this.opts.emit({ type: 'media.problem', data: { inputUuid, problem: down?.reason ?? null } });
  }

  /** The current verdicts, for a renderer that just connected. */
  problemEvents(): StudioEvent[] {
    const streams = [...this.streams].flatMap(([inputUuid, s]) => (s.reason ? [{ inputUuid, problem: s.reason }] : []));
    return [...[...this.problems].map(([inputUuid, problem]) => ({ inputUuid, problem })), ...streams].map((data) => ({ type: 'media.problem', data }));
  }

  /** Inputs that are gone leave no status behind. */
  documentChanged(doc: StudioDocument): void {
    const gone = (uuid: string): boolean => !doc.inputs.some((i) => i.uuid === uuid);
    for (const uuid of [...this.players.keys()]) if (gone(uuid)) this.players.delete(uuid);
    for (const uuid of [...this.problems.keys()]) if (gone(uuid)) this.problems.delete(uuid);
    for (const uuid of [...this.streams.keys()]) if (gone(uuid)) this.streams.delete(uuid);
  }

  /**
   * The cursor the renderer will report once it applied a seek or restart, so a status read right
   * after Set/OffsetMediaInputCursor already shows it. States are not guessed: they change when the
   * player says so (a pause that has not reached the player yet is not a pause).
   */
  private anticipate(inputUuid: string, action: MediaAction, cursorMs: number | undefined): void {
    const kept = this.players.get(inputUuid);
    if (!kept) return;
    const now = this.status(inputUuid);
    const next: MediaStatus = { ...now };
    if (action === 'restart') next.cursorMs = 0;
    else if (action === 'seek' && cursorMs !== undefined) {
      next.cursorMs = now.durationMs !== null ? Math.min(cursorMs, now.durationMs) : cursorMs;
    }
    this.players.set(inputUuid, { status: next, at: this.opts.clock.now() });
  }
}

const isMs = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

function parseStatuses(args: unknown): MediaStatus[] | string {
  const raw = (args as { media?: unknown } | null)?.media;
  const shape = `media must be at most ${MAX_PLAYERS} of { inputUuid, state, durationMs, cursorMs, rate, error? }.`;
  if (!Array.isArray(raw) || raw.length > MAX_PLAYERS) return shape;
  const out: MediaStatus[] = [];
  for (const entry of raw as unknown[]) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { inputUuid, state, durationMs, cursorMs, rate, error } = e;
    if (typeof inputUuid !== 'string' || inputUuid === '' || !MEDIA_STATES.includes(state as MediaState)) return shape;
    if (!isMs(durationMs) || !isMs(cursorMs) || !(typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate <= 16)) return shape;
    if (error !== undefined && typeof error !== 'string') return shape;
    out.push({
      inputUuid,
      state: state as MediaState,
      durationMs,
      cursorMs,
      rate,
      ...(typeof error === 'string' && error ? { error: oneLine(error) } : {}),
    });
  }
  return out;
}

function parseDevices(args: unknown): MediaDevice[] | string {
  const raw = (args as { devices?: unknown } | null)?.devices;
  const shape = `devices must be at most ${MAX_DEVICES} of { kind: 'videoinput' | 'audioinput', deviceId, label }.`;
  if (!Array.isArray(raw) || raw.length > MAX_DEVICES) return shape;
  const out: MediaDevice[] = [];
  for (const entry of raw as unknown[]) {
    const { kind, deviceId, label } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if ((kind !== 'videoinput' && kind !== 'audioinput') || typeof deviceId !== 'string' || typeof label !== 'string') return shape;
    if (deviceId.length > MAX_TEXT) return shape;
    out.push({ kind, deviceId, label: oneLine(label) });
  }
  return out;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
