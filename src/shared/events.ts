/** Typed events the engine emits. Renderers and the remote API subscribe to the same stream. */
import type { Settings, StudioDocument } from './model';
import type { MixerState } from './mixer';
import type { KindDescriptor } from './kinds';
import type { MediaAction, MediaDevice, MediaState } from './media';
import type { Diagnosis, EncoderStatus, OutputStats, RecordStatus, StatsSample } from './stats';
import type { StudioError } from './errors';
import type { LibraryList } from './library';
import type { ReplaySaved, ReplayStatus } from './replay';
import type { DestinationState, DestinationStats } from './stats';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface EventMap {
  /** The whole (secret-free) document after a change. Small enough to resend; mirrors replace theirs. */
  'document.changed': { document: StudioDocument; cause: string };
  /** What Undo and Redo would do now (labels), or null; replayed to each renderer on connect. */
  'history.changed': { undo: string | null; redo: string | null };
  /** isGroup: an OBS group (absent = a plain scene), as OBS's SceneCreated/SceneRemoved say. */
  'scene.created': { sceneUuid: string; sceneName: string; isGroup?: boolean };
  'scene.removed': { sceneUuid: string; sceneName: string; isGroup?: boolean };
  'scene.renamed': { sceneUuid: string; oldName: string; sceneName: string };
  /** The scenes' order changed (scene.setIndex, or an undo of one): the plain scenes, top first. */
  'scene.reordered': { sceneUuids: string[] };
  'scene.currentChanged': { sceneUuid: string; sceneName: string };
  /** The preview scene changed (set, taken, or moved off a removed scene). */
  'scene.previewChanged': { sceneUuid: string; sceneName: string };
  'studio.modeChanged': { enabled: boolean };
  'input.created': { inputUuid: string; inputName: string; kind: string };
  'input.removed': { inputUuid: string; inputName: string };
  'input.renamed': { inputUuid: string; oldName: string; inputName: string };
  'input.settingsChanged': { inputUuid: string; inputName: string };
  /** Mixer state changed (all of it is sent; obs-websocket turns each real change into its own event). */
  'input.audioChanged': { inputUuid: string; inputName: string; muted: boolean; volumeMul: number } & MixerState;
  /** Filter changes on an input or a scene; sourceName is the source's name at the time. */
  'filter.created': { sourceUuid: string; sourceName: string; filterName: string; kind: string; index: number };
  'filter.removed': { sourceUuid: string; sourceName: string; filterName: string };
  'filter.renamed': { sourceUuid: string; sourceName: string; oldName: string; filterName: string };
  'filter.settingsChanged': { sourceUuid: string; sourceName: string; filterName: string };
  'filter.enabledChanged': { sourceUuid: string; sourceName: string; filterName: string; enabled: boolean };
  'filter.reordered': { sourceUuid: string; sourceName: string };
  /** The current transition's kind, duration or settings changed. */
  'transition.changed': { kind: string; durationMs: number };
  /** Program began moving to a scene (emitted by the engine's transition clock). */
  'transition.started': { toSceneUuid: string; fromSceneUuid: string; kind: string; durationMs: number };
  /** The transition finished (the new scene is fully on program). */
  'transition.ended': { toSceneUuid: string; kind: string };
  /** A stinger's video has played out (after its transition point: SceneTransitionVideoEnded). */
  'transition.videoEnded': { toSceneUuid: string; kind: string };
  /**
   * The T-bar (SetTBarPosition, studio mode): program held part-way from one scene to the next at
   * `position` (0..1) with this transition. 'done': the take happened (the new scene is on program);
   * 'cancelled': released near 0, program stays. Renderers draw it; replayed to each on connect.
   */
  'transition.manual': {
    fromSceneUuid: string;
    toSceneUuid: string;
    kind: string;
    settings: Settings;
    position: number;
    state: 'moving' | 'done' | 'cancelled';
  };
  'item.created': { sceneUuid: string; sceneItemId: number; sourceUuid: string; index: number };
  'item.removed': { sceneUuid: string; sceneItemId: number; sourceUuid: string };
  'item.transformChanged': { sceneUuid: string; sceneItemId: number };
  'item.enabledChanged': { sceneUuid: string; sceneItemId: number; enabled: boolean };
  'item.lockedChanged': { sceneUuid: string; sceneItemId: number; locked: boolean };
  'item.reordered': { sceneUuid: string };
  'video.changed': Record<string, never>;
  /** Output state machine moved. error is set when it moved because something failed. */
  'stream.state': { state: DestinationState; error?: StudioError };
  'stream.stats': { stats: OutputStats };
  /** One destination's state machine moved (see DestinationState). */
  'destination.state': {
    id: string;
    name: string;
    state: DestinationState;
    error?: StudioError;
    /** Reconnect attempt number while reconnecting (1 = first retry). */
    attempt: number;
    /** When reconnecting: ms until the next try. */
    retryInMs?: number;
  };
  'destination.stats': { stats: DestinationStats[] };
  /** The encoder choice changed: probe finished, settings changed, or a mid-stream fallback. */
  'encoder.status': EncoderStatus;
  /** The recording's state changed, and once a second while recording (numbers move). */
  'record.state': RecordStatus;
  /** A recording was finished and is safe on disk (and, when asked, remuxed to MP4 too). */
  'record.saved': { path: string; remuxedPath: string | null; bytes: number; durationMs: number };
  /** The replay buffer's state changed (sent on changes only). */
  'replay.state': ReplayStatus;
  /** A replay was written and is ready to play. */
  'replay.saved': ReplaySaved;
  /** A stream stopped and its report (JSON and HTML) is on disk. */
  'report.saved': { path: string; htmlPath: string; durationMs: number };
  /** The plain-language diagnosis of where frames are lost changed. */
  'diagnosis.changed': Diagnosis;
  /** One new second of stats history. */
  'stats.sample': { sample: StatsSample };
  /** The kept history, sent to a renderer when it connects. */
  'stats.history': { samples: StatsSample[] };
  /**
   * The engine asks a renderer for a picture of a source (or the program when sourceUuid is null);
   * the renderer answers with the renderer.captureResult command. Sent only to one renderer.
   */
  'renderer.captureRequest': {
    requestId: string;
    sourceUuid: string | null;
    width: number;
    height: number;
    format: 'png' | 'jpeg' | 'webp';
    /** 0..100, for lossy formats. */
    quality: number;
  };
  /** Something the user should see: a corrupt file moved aside, a missing image, a failed start. */
  notice: { level: NoticeLevel; message: string };
  /** Whether this renderer session owns program output (see wire.ts). */
  'renderer.outputOwner': { owner: boolean };
  'kinds.list': { kinds: KindDescriptor[] };
  /** A media control to apply (renderers play media; obs-websocket's MediaInputActionTriggered). */
  'media.action': { inputUuid: string; inputName: string; action: MediaAction; cursorMs?: number };
  /** A player's state moved (as the output owner's renderer reported it). */
  'media.state': { inputUuid: string; inputName: string; state: MediaState; previous: MediaState; error?: string };
  /** The list of scene collections or profiles changed (created, renamed, removed); a switch is collection.switched / profile.switched. */
  'collections.changed': LibraryList;
  'profiles.changed': LibraryList;
  /** A collection (or profile) switch began: name is the one being left; switched names the new one. */
  'collection.switching': { name: string };
  'collection.switched': { name: string };
  'profile.switching': { name: string };
  'profile.switched': { name: string };
  /** The compositing renderer's capture devices (for device lists in forms). */
  'devices.changed': { devices: MediaDevice[] };
  /** Why a media input's file can never play (a codec the compositor lacks), or null once it can. */
  'media.problem': { inputUuid: string; problem: string | null };
  /**
   * A browser source's newest picture as its isolated page painted it (base64 image; see kinds/browser.ts); data '' = the page stopped, drop the picture.
   * capturedAt: when the page showed it, ms on the wall clock (the clock of browser.audio's stamps), or null.
   */
  'browser.frame': { inputUuid: string; seq: number; width: number; height: number; mime: 'image/png' | 'image/jpeg'; data: string; capturedAt: number | null };
  /** Why a browser source shows no page (its page failed to load, no browser to run it), or null once it does. */
  'browser.problem': { inputUuid: string; problem: string | null };
  /** Some of a browser source's sound (reroute_audio on), live only, never replayed: base64 s16le stereo 48 kHz, in play order; seq counts chunks per page run; capturedAt: when its first sample played in the page (browser.frame's clock), or null. */
  'browser.audio': { inputUuid: string; seq: number; data: string; capturedAt: number | null };
}

export type EventType = keyof EventMap;
export type StudioEvent = { [T in EventType]: { type: T; data: EventMap[T] } }[EventType];
