import type { HotkeyBinding } from './hotkeys';
import type { Watermark } from './watermark';
import type { Canvas } from './canvas';

/**
 * The studio document: what a scene collection plus its profile contain. The engine owns it; the
 * renderer holds a read-only mirror. Units and shapes follow OBS so obs-websocket replies are a
 * direct mapping: pixels and degrees, colors as ABGR uint32, scene item ids unique per scene.
 */

import type { MixerState } from './mixer';

/** OBS alignment bits: 0 = center, 1 left, 2 right, 4 top, 8 bottom (5 = top-left). */
export type Alignment = number;

export interface Transform {
  positionX: number;
  positionY: number;
  /** Degrees, clockwise, around the alignment point. */
  rotation: number;
  scaleX: number;
  scaleY: number;
  /** Which point of the item sits at (positionX, positionY). OBS default is top-left (5). */
  alignment: Alignment;
  cropLeft: number;
  cropRight: number;
  cropTop: number;
  cropBottom: number;
  /**
   * OBS's bounding box: with a type other than OBS_BOUNDS_NONE (absent = none) the source is fitted
   * into boundsWidth × boundsHeight as the type says (the scale fields give way), placed in the box
   * by boundsAlignment, and the box's alignment point sits at the position.
   */
  boundsType?: BoundsType;
  boundsAlignment?: Alignment;
  boundsWidth?: number;
  boundsHeight?: number;
  /**
   * OBS 31's "crop to bounding box": with a scale-outer, scale-to-width or scale-to-height box, what
   * overflows the box is cropped off instead of drawn past it. Absent = false.
   */
  cropToBounds?: boolean;
}

/** OBS's bounding box types (obs_bounds_type), as obs-websocket names them. */
export const BOUNDS_TYPES = [
  'OBS_BOUNDS_NONE',
  'OBS_BOUNDS_STRETCH',
  'OBS_BOUNDS_SCALE_INNER',
  'OBS_BOUNDS_SCALE_OUTER',
  'OBS_BOUNDS_SCALE_TO_WIDTH',
  'OBS_BOUNDS_SCALE_TO_HEIGHT',
  'OBS_BOUNDS_MAX_ONLY',
] as const;
export type BoundsType = (typeof BOUNDS_TYPES)[number];

/** OBS's scene item blend modes: how an item's pixels combine with what is under them. */
export const BLEND_MODES = [
  'OBS_BLEND_NORMAL',
  'OBS_BLEND_ADDITIVE',
  'OBS_BLEND_SUBTRACT',
  'OBS_BLEND_SCREEN',
  'OBS_BLEND_MULTIPLY',
  'OBS_BLEND_LIGHTEN',
  'OBS_BLEND_DARKEN',
] as const;
export type BlendMode = (typeof BLEND_MODES)[number];

export interface SceneItem {
  /** Unique within its scene, never reused there (OBS semantics). */
  sceneItemId: number;
  /** Absent = OBS_BLEND_NORMAL (items saved before blend modes existed). */
  blendMode?: BlendMode;
  /** An input, or a scene (a nested scene, or a group), as OBS's items show any source. */
  sourceUuid: string;
  enabled: boolean;
  locked: boolean;
  transform: Transform;
}

export interface Scene {
  uuid: string;
  name: string;
  /** Bottom to top: index 0 is drawn first, like OBS's sceneItemIndex. */
  items: SceneItem[];
  /** Next sceneItemId to hand out in this scene. */
  nextItemId: number;
  /** Applied to the composed scene, in order (OBS: a scene is a source, and sources have filters). */
  filters: Filter[];
  /** OBS's per-scene "Transition Override": used when program switches to this scene; absent = none. */
  transitionOverride?: SceneTransitionOverride;
  /**
   * An OBS group: a scene-like source shown by exactly one item of one scene, its items placed
   * relative to that item (moving the group moves them). Absent on plain scenes. Groups are left
   * out of scene lists and cannot be program or preview (nesting.ts).
   */
  isGroup?: boolean;
}

export type Settings = Record<string, unknown>;

/**
 * One filter on a source (input or scene), OBS style: names are unique within the source, the list
 * runs first to last, and a disabled filter stays in place but passes its input through. kind is a
 * registered filter kind (category 'filter'): video kinds run on the compositor, audio kinds in the
 * mixer.
 */
export interface Filter {
  name: string;
  kind: string;
  enabled: boolean;
  settings: Settings;
}

/** Balance, sync offset, monitoring and tracks: see mixer.ts. */
export interface Input extends MixerState {
  uuid: string;
  name: string;
  /** A registered kind id, OBS's where the concept matches (color_source_v3, image_source…). */
  kind: string;
  settings: Settings;
  /**
   * Mixer state, OBS style. Every input carries it (defaults: unmuted, 1) so the shape never depends
   * on the kind; only inputs whose kind has audio accept input.setAudio.
   */
  muted: boolean;
  /** Linear gain, 0..20 (OBS's inputVolumeMul). */
  volumeMul: number;
  /** Video and audio filters, applied in order. */
  filters: Filter[];
}

/**
 * How program changes scene (OBS's current scene transition and its duration): a registered
 * transition kind, its settings, and how long it runs. Kept in the collection, as OBS keeps it.
 */
export interface SceneTransition {
  kind: string;
  /** 50..20000 ms (OBS's range); a cut ignores it. */
  durationMs: number;
  settings: Settings;
}

/**
 * The current scene transition, and what each other kind was last set to: OBS keeps every
 * transition as a source with settings of its own, so switching to another and back finds them as
 * they were. The duration is one for all, as OBS's.
 */
export interface CurrentTransition extends SceneTransition {
  /**
   * Kind id → the settings that kind had when it was last current (never the current kind's, which
   * are `settings`); a kind not here runs with its defaults. Absent = none.
   */
  otherSettings?: Record<string, Settings>;
}

/** A transition for one switch of program, and the scene it switched to. */
export interface SwitchTransition extends SceneTransition {
  toSceneUuid: string;
}

/**
 * A scene's transition override (OBS keeps a transition name and a duration in the scene's private
 * settings, each optional): a kind overrides the current transition when switching to the scene,
 * for durationMs (OBS's default 300 when not set). A duration alone changes nothing.
 */
export interface SceneTransitionOverride {
  kind?: string;
  durationMs?: number;
}

export const DEFAULT_TRANSITION: SceneTransition = { kind: 'cut_transition', durationMs: 300, settings: {} };

export interface VideoSettings {
  baseWidth: number;
  baseHeight: number;
  /** Encoded size; equal to the base size unless the user scales the output. */
  outputWidth: number;
  outputHeight: number;
  fpsNumerator: number;
  fpsDenominator: number;
}

export type RateControl = 'CBR' | 'VBR';

export interface EncoderSettings {
  /**
   * 'auto' (the best encoder that passed its test encode here) or an FFmpeg encoder name from the
   * catalog (h264_nvenc, h264_qsv, …, libx264). A named one that fails its probe falls back too.
   */
  encoder: string;
  rateControl: RateControl;
  bitrateKbps: number;
  keyframeIntervalSec: number;
  /** x264 preset name (ultrafast … medium). */
  preset: string;
  profile: 'baseline' | 'main' | 'high';
  bFrames: number;
  audioBitrateKbps: number;
}

export type DestinationProtocol = 'rtmp' | 'rtmps' | 'srt';

/**
 * Where a stream goes. Field names follow OBS's rtmp_custom service (server, key). The key itself
 * is a secret: the document only records whether one is stored (hasKey); the engine keeps the value
 * in its secret store and nothing that leaves the engine ever carries it.
 */
export interface Destination {
  id: string;
  name: string;
  enabled: boolean;
  server: string;
  hasKey: boolean;
  /** Platform preset id (twitch, youtube, facebook, kick) or 'custom'. */
  preset: string;
  /** Send only the audio track (radio-style destinations, podcasts). */
  audioOnly: boolean;
  /** Its own encoding when it cannot take the main one; null = share the main rendition. */
  rendition: Rendition | null;
  /** The mixer track (1..6) it sends, OBS's stream "Audio Track"; applies at its next start. */
  audioTrack: number;
  /** Signs the push URL afresh at every connect (CDN auth_key); null = the URL as given. */
  signing: DestinationSigning | null;
  /** Where the receiving server says how many watch; null = it does not (shown "not available"). */
  audience: AudienceSource | null;
  /** The canvas it streams (canvas.ts): an extra canvas's id; absent = the main canvas. */
  canvas?: string;
}

/**
 * A server's audience figure: nginx-rtmp's `rtmp_stat all` page, SRS's HTTP API (its base URL), or
 * any JSON URL with the dot path of the number in it.
 */
export type AudienceSource =
  | { kind: 'nginx_rtmp'; url: string }
  | { kind: 'srs'; url: string }
  | { kind: 'json'; url: string; path: string };
export const AUDIENCE_KINDS = ['nginx_rtmp', 'srs', 'json'] as const;

/** How a destination's push URL is signed; the private key itself lives in the secret store. */
export type SigningScheme = 'auth_key' | 'hmac_sha256';
export const SIGNING_SCHEMES: readonly SigningScheme[] = ['auth_key', 'hmac_sha256'];

export interface DestinationSigning {
  scheme: SigningScheme;
  /** Seconds added to the time stamped into the URL (servers add their validity period to it). */
  offsetSeconds: number;
  hasSigningKey: boolean;
}

/** A second encoding for destinations that need less than the main output. */
export interface Rendition {
  bitrateKbps?: number;
  width?: number;
  height?: number;
}

/** A saved set of encoder settings the user applies in one step ("Twitch 1080p60 6000 kbps"). */
export interface EncoderTemplate {
  name: string;
  encoder: string;
  rateControl: RateControl;
  bitrateKbps: number;
  keyframeIntervalSec: number;
  preset: string;
  profile: EncoderSettings['profile'];
  bFrames: number;
  /** Absent: applying it keeps the user's audio bitrate. */
  audioBitrateKbps?: number;
  /** Absent: the template says nothing about output size or frame rate. */
  video?: Pick<VideoSettings, 'outputWidth' | 'outputHeight' | 'fpsNumerator' | 'fpsDenominator'>;
}

/** MKV, or fragmented MP4: both stay playable when FFmpeg or the studio is killed mid-recording. */
export type RecordingFormat = 'mkv' | 'fmp4';

export interface RecordingSettings {
  /** Absolute folder; '' = "recordings" inside the data folder. */
  folder: string;
  format: RecordingFormat;
  /**
   * File name without extension. OBS's placeholders: %CCYY %YY %MM %DD %hh %mm %ss (local time),
   * %% for a percent sign. Characters a file system refuses are replaced.
   */
  filenamePattern: string;
  /** After a recording stops, also write a plain .mp4 beside it (the original is kept). */
  remuxToMp4: boolean;
  /** Refuse to start below this much free space, and stop gracefully when it drops below it. MB. */
  minFreeMb: number;
  /**
   * The mixer tracks (1..6, ascending, at least one) a recording writes, each as its own audio
   * stream (OBS's RecTracks); applies at the next start.
   */
  tracks: number[];
  /** The replay buffer keeps this many seconds (OBS's Maximum Replay Time); absent = 20. */
  replayMaxSeconds?: number;
  /** …in at most this many MB of memory (OBS's Maximum Memory); absent = 512. */
  replayMaxMb?: number;
  /** The transition PlayLastReplay switches with (a transition kind id); absent or '' = the current transition. */
  replayTransitionKind?: string;
  /** …and its duration, ms; absent = the current transition's. */
  replayTransitionMs?: number;
  /** Switch program back when the replay has played out; absent = true. */
  replayReturnToScene?: boolean;
  /**
   * The canvas the recording writes (canvas.ts): an extra canvas's id records its own encoding
   * (as Aitum Vertical's recording does); absent or 'main' = the main canvas. Taken at the next start.
   */
  canvas?: string;
}

/**
 * Pictures of program saved every few seconds while live (moderation, thumbnails): into `folder`
 * ('' = "screenshots" inside the data folder), the oldest deleted beyond `keep`.
 */
export interface ScreenshotSettings {
  enabled: boolean;
  /** Seconds between pictures, 1..3600. */
  intervalSec: number;
  folder: string;
  format: 'png' | 'jpeg';
  /** Largest picture width; the canvas is scaled down to fit, keeping its aspect. */
  maxWidth: number;
  /** How many pictures the folder keeps, 1..100000. */
  keep: number;
}

/**
 * Remote control security a user sets in the app (server mode also has flags, which add to these):
 * wss:// with a self-signed certificate kept in the data folder, and web page origins (a hosted
 * control surface) allowed besides native tools and the studio's own web remote.
 */
export interface RemoteControlSettings {
  tls: boolean;
  allowedOrigins: string[];
}

export interface OutputSettings {
  encoder: EncoderSettings;
  /** FFmpeg binary chosen by the user; first place the locator looks. Empty = not set. */
  ffmpegPath: string;
  recording: RecordingSettings;
  /** The user's upload bandwidth in kbps for the budget check before going live; 0 = not entered. */
  uplinkKbps: number;
  /** The user's own encoder templates (built-in ones are not stored). */
  templates: EncoderTemplate[];
  screenshots: ScreenshotSettings;
}

/** What a webhook can be told about. */
export const WEBHOOK_EVENTS = [
  'stream.started',
  'stream.stopped',
  'destination.live',
  'destination.reconnecting',
  'destination.failed',
  'recording.saved',
  'stream.report',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * An HTTP endpoint told about the show as it happens: a JSON POST signed with HMAC-SHA256. The
 * signing secret lives in the secret store; the document records only whether one is set.
 */
export interface Webhook {
  id: string;
  name: string;
  /** http:// or https:// */
  url: string;
  enabled: boolean;
  events: WebhookEvent[];
  hasSecret: boolean;
}

export interface StudioDocument {
  /** Schema version of the saved file; bumped with a migration whenever the shape changes. */
  version: 1;
  /** Monotonic revision, bumped by every accepted command; lets mirrors drop stale snapshots. */
  revision: number;
  scenes: Scene[];
  inputs: Input[];
  currentSceneUuid: string;
  /**
   * Studio mode (OBS's preview/program): scene clicks set the preview, and studio.take puts it on
   * program. Kept in the collection, as OBS keeps the preview scene in its scene collection.
   */
  studioMode: boolean;
  /** The scene on preview; always an existing scene (the program scene unless set otherwise). */
  previewSceneUuid: string;
  video: VideoSettings;
  output: OutputSettings;
  destinations: Destination[];
  webhooks: Webhook[];
  /** How remote control is secured beyond its password (profile). */
  remoteControl: RemoteControlSettings;
  /** Keys bound to hotkey actions (profile), OBS's model; see hotkeys.ts. */
  hotkeys: HotkeyBinding[];
  /** The program watermark (profile); absent = off. See watermark.ts. */
  watermark?: Watermark;
  /** The current scene transition; absent in collections saved before transitions (a cut then). */
  transition?: CurrentTransition;
  /**
   * A one-shot transition the last program switch asked for (scene.setCurrent's `transition`, e.g.
   * PlayLastReplay's replay transition): it wins over the override and the current transition for
   * that switch only, in the engine's clock and every compositor alike. Never saved; the next
   * switch replaces or clears it.
   */
  switchTransition?: SwitchTransition;
  /** Extra canvases (collection; canvas.ts), e.g. a vertical one; absent = the main canvas only. */
  canvases?: Canvas[];
}

export const DEFAULT_TRANSFORM: Transform = {
  positionX: 0,
  positionY: 0,
  rotation: 0,
  scaleX: 1,
  scaleY: 1,
  alignment: 5,
  cropLeft: 0,
  cropRight: 0,
  cropTop: 0,
  cropBottom: 0,
};

export const VIDEO_LIMITS = {
  minWidth: 64,
  minHeight: 64,
  maxWidth: 4096,
  maxHeight: 4096,
  maxFps: 60,
} as const;

/** OBS's input volume limits: a multiplier up to 20 (about +26 dB); −100 dB stands for silence (mul 0). */
export const VOLUME_LIMITS = {
  maxMul: 20,
  minDb: -100,
  maxDb: 26,
} as const;
