/**
 * The remote's own state: the connection, plus what the studio told it over obs-websocket. Only the
 * client modules (connection, scenes, stream, destinations, inputs, thumbnails, actions) write here;
 * components only read. Names are the studio's names, as obs-websocket addresses things by name.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type Phase = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionInfo {
  phase: Phase;
  /** What the user typed (host:port or a ws(s) URL). */
  address: string;
  /** Why the last attempt failed or the connection dropped; one sentence, or null. */
  error: string | null;
  /** Retry number while reconnecting (1 = first retry). */
  attempt: number;
  /** When the next retry starts (epoch ms), while reconnecting. */
  retryAt: number | null;
}

export interface SceneRef {
  name: string;
  uuid: string;
}

export type StreamPhase = 'idle' | 'starting' | 'live' | 'reconnecting' | 'stopping';

export interface StreamInfo {
  phase: StreamPhase;
  /** When the phase last changed (epoch ms), to let a stuck transition give way to the poll. */
  since: number;
  /** "HH:MM:SS.mmm" as obs-websocket reports it. */
  timecode: string;
  bytes: number;
  /** 0..1 */
  congestion: number;
  skippedFrames: number;
  totalFrames: number;
}

export interface DestinationInfo {
  id: string;
  name: string;
  enabled: boolean;
  /** The output engine's state: idle, connecting, live, reconnecting, failed, stopping. */
  state: string;
  bitrateKbps: number;
  bytes: number;
  reconnects: number;
  dropped: number;
  lastError: string | null;
  /** The receiving server's audience count; null: it cannot say ("not available", never 0). */
  viewers: number | null;
}

/** The studio's recording (GetRecordStatus every second, RecordStateChanged as it happens). */
export interface RecordInfo {
  active: boolean;
  /** OBS's output state while it changes (OBS_WEBSOCKET_OUTPUT_STARTING…), or null. */
  changing: 'starting' | 'stopping' | null;
  timecode: string;
  bytes: number;
  /** The file being written (from RecordStateChanged), or null when not told. */
  path: string | null;
}

/** The machine's health (GetStats every second). */
export interface HealthInfo {
  cpuPercent: number;
  activeFps: number;
  /** Frames the output had no room for (OBS's output skipped frames). */
  skippedFrames: number;
  /** Ticks with no fresh frame from the canvas (OBS's render skipped frames). */
  laggedFrames: number;
}

export interface AudioInput {
  name: string;
  uuid: string;
  muted: boolean;
}

/** A text source, edited here as a title (lower thirds will join once the studio has them). */
export interface TitleInput {
  name: string;
  uuid: string;
  kind: string;
  /** The text as the studio last reported it. */
  text: string;
}

/** A live graphic (lower_third, scoreboard, countdown_timer) with its settings as the studio last reported them. */
export interface GraphicInput {
  name: string;
  uuid: string;
  kind: string;
  settings: Record<string, unknown>;
}

export interface StudioModeInfo {
  /** False when the studio has no studio mode (an older studio, or another server): the controls stay hidden. */
  supported: boolean;
  enabled: boolean;
}

export interface RemoteState {
  connection: ConnectionInfo;
  scenes: SceneRef[];
  program: string | null;
  preview: string | null;
  studioMode: StudioModeInfo;
  /** A scene transition runs (SceneTransitionStarted until its VideoEnded): a take now would be ignored. */
  transitioning: boolean;
  stream: StreamInfo;
  record: RecordInfo;
  /** null until the studio answered GetStats. */
  health: HealthInfo | null;
  /** null until the studio answered; [] when it has none. */
  destinations: DestinationInfo[] | null;
  /** Why per-destination control is unavailable, when the studio does not offer it. */
  destinationsError: string | null;
  audio: AudioInput[];
  /** Input name → each channel's peak (mul, after volume) from the latest InputVolumeMeters. */
  levels: Record<string, number[]>;
  titles: TitleInput[];
  graphics: GraphicInput[];
  /** Scene name → image data URL. */
  thumbnails: Record<string, string>;
  /** Actions in flight ('scene:Main', 'dest-start:<id>'…), so their buttons show it and do not repeat. */
  busy: Record<string, true>;
  /** The last failed action, shown for a few seconds. */
  notice: { id: number; message: string } | null;
}

export type RemoteStore = StoreApi<RemoteState>;

export const IDLE_RECORD: RecordInfo = { active: false, changing: null, timecode: '00:00:00.000', bytes: 0, path: null };

export const IDLE_STREAM: StreamInfo = {
  phase: 'idle',
  since: 0,
  timecode: '00:00:00.000',
  bytes: 0,
  congestion: 0,
  skippedFrames: 0,
  totalFrames: 0,
};

/** Everything the studio told us, cleared on disconnect (the connection info is kept). */
export function emptyStudioState(): Omit<RemoteState, 'connection'> {
  return {
    scenes: [],
    program: null,
    preview: null,
    studioMode: { supported: false, enabled: false },
    transitioning: false,
    stream: IDLE_STREAM,
    record: IDLE_RECORD,
    health: null,
    destinations: null,
    destinationsError: null,
    audio: [],
    levels: {},
    titles: [],
    graphics: [],
    thumbnails: {},
    busy: {},
    notice: null,
  };
}

export function createRemoteStore(address: string): RemoteStore {
  return createStore<RemoteState>()(() => ({
    connection: { phase: 'idle', address, error: null, attempt: 0, retryAt: null },
    ...emptyStudioState(),
  }));
}

let noticeId = 0;

/** Shows a one-sentence notice (replacing the previous one). */
export function showNotice(store: RemoteStore, message: string): void {
  store.setState({ notice: { id: ++noticeId, message } });
}

export function setBusy(store: RemoteStore, key: string, on: boolean): void {
  const busy = { ...store.getState().busy };
  if (on) busy[key] = true;
  else delete busy[key];
  store.setState({ busy });
}
