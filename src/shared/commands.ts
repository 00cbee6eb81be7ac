/**
 * Every change to the studio is a command: the renderer, the remote API and tests all send these
 * to the engine, which validates each one (zod, src/engine/document/schemas.ts) and answers with a
 * Result. Add a command here, then its schema and handler in the engine.
 */
import type { MixerState } from './mixer';
import type { AudienceSource, BlendMode, EncoderSettings, RecordingSettings, RemoteControlSettings, Rendition, ScreenshotSettings, Settings, SigningScheme, Transform, VideoSettings, WebhookEvent } from './model';
import type { BandwidthBudget, Diagnosis, EncoderStatus, RecordStatus, StatsSample } from './stats';
import type { HotkeyAction, KeyCombo } from './hotkeys';
import type { Watermark } from './watermark';
import type { Canvas } from './canvas';
import type { StreamReport } from './report';
import type { MediaAction, MediaDevice, MediaStatus } from './media';
import type { LibraryList, ObsImportResult } from './library';
import type { ReplayPlayArgs, ReplayPlayed, ReplaySaved, ReplayStatus } from './replay';
import type { StudioAbout } from './about';

export interface CommandMap {
  'scene.create': { args: { name: string }; result: { sceneUuid: string } };
  'scene.remove': { args: { sceneUuid: string }; result: null };
  'scene.rename': { args: { sceneUuid: string; name: string }; result: null };
  /**
   * Switches program to this scene, with the transition into it (transitionInto), or with
   * `transition` for this switch only (doc.switchTransition; settings default to the kind's).
   */
  'scene.setCurrent': { args: { sceneUuid: string; transition?: { kind: string; durationMs: number; settings?: Settings } }; result: null };
  /** Studio mode only (StudioModeNotActive otherwise): chooses the scene the next take puts on program. */
  'scene.setPreview': { args: { sceneUuid: string }; result: null };
  /**
   * Moves a scene in the Scenes list: index 0 = the top (first) of the plain scenes, groups not
   * counted. obs-websocket lists the same order bottom-up (its sceneIndex 0 is the last scene).
   */
  'scene.setIndex': { args: { sceneUuid: string; index: number }; result: null };

  /** Turns studio mode on or off; turning it on puts the program scene on preview, as OBS does. */
  'studio.setMode': { args: { enabled: boolean }; result: null };
  /**
   * Studio mode only: the preview scene goes to program with a cut, and the old program scene
   * becomes the preview (OBS's default "swap preview and program after a transition").
   */
  'studio.take': { args: Record<string, never>; result: null };

  /** Creates an input and adds it to a scene as a new item. Settings overlay the kind's defaults. */
  'input.create': {
    args: { sceneUuid: string; name: string; kind: string; settings?: Settings; transform?: Partial<Transform> };
    result: { inputUuid: string; sceneItemId: number };
  };
  /** overlay=true merges into the current settings (OBS SetInputSettings overlay); false replaces them. */
  'input.update': { args: { inputUuid: string; settings: Settings; overlay?: boolean }; result: null };
  /**
   * Adds `delta` to a scoreboard's home or away score (kept within 0..9999), worked out from the
   * score the studio has when the command runs: two producers pressing + at once both count, where
   * two SetInputSettings of the score each saw would lose one.
   */
  'input.addScore': { args: { inputUuid: string; side: 'home' | 'away'; delta: number }; result: { score: number } };
  'input.rename': { args: { inputUuid: string; name: string }; result: null };
  /** Removes the input and every scene item that shows it. */
  'input.remove': { args: { inputUuid: string }; result: null };
  /**
   * The mixer state of an input whose kind has audio (refused for the rest): mute, volume (linear,
   * 0..20), balance (0..1), sync offset (ms, −950..20000), monitoring and tracks (6 booleans).
   */
  'input.setAudio': {
    args: { inputUuid: string; muted?: boolean; volumeMul?: number } & Partial<MixerState>;
    result: null;
  };

  /**
   * Filters on a source: sourceUuid names an input or a scene. Names are unique per source (exact
   * match, as OBS); kind must be a registered filter kind; settings overlay the kind's defaults.
   * index (0 = first applied) defaults to the end.
   */
  'filter.create': {
    args: { sourceUuid: string; name: string; kind: string; settings?: Settings; index?: number; enabled?: boolean };
    result: { index: number };
  };
  'filter.remove': { args: { sourceUuid: string; name: string }; result: null };
  'filter.setName': { args: { sourceUuid: string; name: string; newName: string }; result: null };
  /** Moves a filter to index (0 = first applied); an index past the end is refused. */
  'filter.setIndex': { args: { sourceUuid: string; name: string; index: number }; result: null };
  /** overlay=true (default) merges into the current settings; false starts again from the defaults. */
  'filter.setSettings': { args: { sourceUuid: string; name: string; settings: Settings; overlay?: boolean }; result: null };
  'filter.setEnabled': { args: { sourceUuid: string; name: string; enabled: boolean }; result: null };

  /**
   * The current scene transition: its kind (each kind keeps its own settings: one switched back to
   * has what it was last set to, one never set its defaults), duration (one for all kinds), and
   * settings (overlay=true, the default, merges into that kind's; false starts from its defaults).
   */
  'transition.set': {
    args: { kind?: string; durationMs?: number; settings?: Settings; overlay?: boolean };
    result: null;
  };
  /** A scene's transition override (OBS's): null removes that part, absent leaves it as it is. */
  'scene.setTransitionOverride': {
    args: { sceneUuid: string; kind?: string | null; durationMs?: number | null };
    result: null;
  };

  'item.setTransform': {
    args: { sceneUuid: string; sceneItemId: number; transform: Partial<Transform> };
    result: null;
  };
  'item.setEnabled': { args: { sceneUuid: string; sceneItemId: number; enabled: boolean }; result: null };
  /** OBS's blend mode of one item (BLEND_MODES). */
  'item.setBlendMode': { args: { sceneUuid: string; sceneItemId: number; blendMode: BlendMode }; result: null };
  'item.setLocked': { args: { sceneUuid: string; sceneItemId: number; locked: boolean }; result: null };
  /** 0 = bottom. Other items shift to make room, as in OBS's SetSceneItemIndex. */
  'item.setIndex': { args: { sceneUuid: string; sceneItemId: number; index: number }; result: null };
  'item.remove': { args: { sceneUuid: string; sceneItemId: number }; result: null };
  /**
   * Adds an existing source to a scene as a new item (OBS's CreateSceneItem): an input, or another
   * scene (a nested scene). Refused when the scene would end up inside itself, directly or through
   * other scenes, and for groups (a group is shown by its one item only).
   */
  'item.create': {
    args: { sceneUuid: string; sourceUuid: string; enabled?: boolean; transform?: Partial<Transform> };
    result: { sceneItemId: number };
  };
  /**
   * Groups these items of a scene (OBS's "Group Selected Items"): they move into a new group named
   * `name`, keeping their place on the canvas, and the group's item takes the topmost one's place.
   */
  'group.create': {
    args: { sceneUuid: string; name: string; sceneItemIds: number[] };
    result: { groupUuid: string; sceneItemId: number };
  };
  /** Ungroups a group item: its items go back into the scene where it was, placed as shown; the group goes. */
  'group.ungroup': { args: { sceneUuid: string; sceneItemId: number }; result: null };

  /** Rejected with OutputRunning while live: the canvas size cannot change under a running encoder. */
  'video.set': { args: Partial<VideoSettings>; result: null };
  'output.setEncoder': { args: Partial<EncoderSettings>; result: null };
  /**
   * Host only (HOST_ONLY_COMMANDS): it makes the studio run a program. The desktop app sets it from
   * the main process (a native file dialog), server mode from --ffmpeg or FFMPEG_PATH.
   */
  'output.setFfmpegPath': { args: { ffmpegPath: string }; result: null };
  'output.setRecording': { args: Partial<RecordingSettings>; result: null };
  /** Periodic program screenshots while live (see ScreenshotSettings). */
  'output.setScreenshots': { args: Partial<ScreenshotSettings>; result: null };
  /** The uplink for the bandwidth budget check, kbps; 0 = unknown. */
  'output.setUplink': { args: { uplinkKbps: number }; result: null };

  /** Saves the current encoder settings (and output size/fps) as a named template. */
  'template.save': { args: { name: string; overwrite?: boolean }; result: null };
  /** Applies a built-in or saved template to the encoder (and video) settings. Refused while live. */
  'template.apply': { args: { name: string }; result: null };
  'template.remove': { args: { name: string }; result: null };
  /** Built-in templates first, then the user's. */
  'template.list': { args: Record<string, never>; result: { builtIn: string[]; user: string[] } };

  /** Runs the encoder test encodes again (after a driver update, a new GPU) and answers the new choice. */
  'encoder.probe': { args: Record<string, never>; result: EncoderStatus };
  'encoder.status': { args: Record<string, never>; result: EncoderStatus };

  /** Starts recording the program (alongside the stream or on its own). Answers the file's path. */
  'record.start': { args: Record<string, never>; result: { path: string } };
  /** Stops cleanly; answers the finished file (and the remuxed .mp4 when that is on). */
  'record.stop': { args: Record<string, never>; result: { path: string; remuxedPath: string | null } };
  'record.status': { args: Record<string, never>; result: RecordStatus };
  /** The replay buffer (OBS's): starts the encoders when nothing else runs them. */
  'replay.start': { args: Record<string, never>; result: ReplayStatus };
  'replay.stop': { args: Record<string, never>; result: ReplayStatus };
  /** Writes what the buffer holds to a file in the recording folder; answers once it is on disk. */
  'replay.save': { args: Record<string, never>; result: ReplaySaved };
  'replay.status': { args: Record<string, never>; result: ReplayStatus };
  /** Puts the last saved replay on air (output/replay-playback.ts); absent fields use the stored defaults. */
  'replay.play': { args: ReplayPlayArgs; result: ReplayPlayed };

  /** Compares the enabled destinations' bitrates with the uplink (also checked at stream.start). */
  'stats.budget': { args: Record<string, never>; result: BandwidthBudget };
  'stats.history': { args: Record<string, never>; result: { samples: StatsSample[] } };
  'stats.diagnosis': { args: Record<string, never>; result: Diagnosis };
  /** The report of the last stream that stopped since the studio started, with its files; 604 when none. */
  'stats.lastReport': { args: Record<string, never>; result: { report: StreamReport; path: string; htmlPath: string } };
  /**
   * What the studio is and where it keeps things on its machine (Help → About, File → Show
   * recordings folder): the engine's version, its log file (null: logging to the console only) and
   * the folders recordings, replays and screenshots go to now.
   */
  'studio.about': { args: Record<string, never>; result: StudioAbout };

  /**
   * Creates (no id) or updates a webhook. `secret` goes to the secret store and is never echoed;
   * on create without one, a secret is generated and returned once, so the receiver can be set up.
   */
  'webhook.upsert': {
    args: { id?: string; name?: string; url?: string; enabled?: boolean; events?: WebhookEvent[]; secret?: string };
    result: { id: string; secret: string | null };
  };
  'webhook.remove': { args: { id: string }; result: null };

  /** Changes the program watermark (any subset of its fields); see watermark.ts. */
  'watermark.set': { args: Partial<Watermark>; result: null };
  /** Sends a signed test delivery now and answers how the receiver replied. */
  'webhook.test': { args: { id: string }; result: { status: number } };

  /**
   * Creates (no id) or updates a destination. `key` is written to the secret store and never
   * echoed; omit it to keep the stored key, send '' to clear it.
   */
  'destination.upsert': {
    args: {
      id?: string;
      name?: string;
      server?: string;
      key?: string;
      enabled?: boolean;
      preset?: string;
      audioOnly?: boolean;
      rendition?: Rendition | null;
      /** The mixer track (1..6) it sends; absent on create: 1. */
      audioTrack?: number;
      /**
       * Sign the push URL at every connect; `privateKey` goes to the secret store (omit it to keep the
       * stored one). null removes the rule and its key.
       */
      signing?: { scheme: SigningScheme; privateKey?: string; offsetSeconds?: number } | null;
      /** Where the server's audience figure is read; null: none. */
      audience?: AudienceSource | null;
      /** The canvas it streams (an extra canvas's id, or 'main'); applies at its next start. */
      canvas?: string;
    };
    result: { id: string };
  };
  'destination.remove': { args: { id: string }; result: null };
  /**
   * Creates or changes an extra canvas (canvas.ts) by id: a new one needs no more than its id (the
   * vertical 1080×1920 defaults); any subset of the fields changes an existing one.
   */
  'canvas.set': { args: Partial<Canvas> & { id: string }; result: null };
  /** Removes an extra canvas; destinations that streamed it go back to the main canvas. */
  'canvas.remove': { args: { id: string }; result: null };
  /** Starts one destination while the stream runs (or starts the stream with just this one). */
  'destination.start': { args: { id: string }; result: null };
  /** Stops one destination; the others and the recording carry on. */
  'destination.stop': { args: { id: string }; result: null };
  /** Skips the backoff wait of a reconnecting (or failed) destination and tries now. */
  'destination.reconnect': { args: { id: string }; result: null };

  'stream.start': { args: Record<string, never>; result: null };
  /**
   * Takes back (or re-applies) the last edit of the scene collection, whoever made it. Refused with
   * 604 when there is nothing to undo or redo. The profile (settings, destinations) is not touched.
   */
  /** Every hotkey action the studio offers now, with the keys bound to each (Settings → Hotkeys). */
  'hotkey.list': { args: Record<string, never>; result: { actions: HotkeyAction[] } };
  /**
   * Runs an action by OBS's name; contextName or contextUuid picks the scene or input when the action
   * exists for several. pressed false is a release (push-to-talk); default a press and release.
   */
  'hotkey.trigger': { args: { name: string; contextName?: string; contextUuid?: string; pressed?: boolean }; result: null };
  /** Runs every action bound to this key combination (TriggerHotkeyByKeySequence, in-window keys). */
  'hotkey.triggerKeys': { args: { combo: KeyCombo; pressed?: boolean }; result: { triggered: string[] } };
  /** Remote control security; the obs-websocket server restarts with it (sessions reconnect). */
  'remoteControl.set': { args: Partial<RemoteControlSettings>; result: null };
  /** Binds key combinations to an action (replacing its keys; [] unbinds). */
  'hotkey.bind': { args: { name: string; contextUuid?: string; keys: KeyCombo[] }; result: null };
  'history.undo': { args: Record<string, never>; result: { label: string } };
  'history.redo': { args: Record<string, never>; result: { label: string } };
  'stream.stop': { args: Record<string, never>; result: null };

  /**
   * Scene collections (scenes and sources) and profiles (video, output, destinations), OBS's model;
   * see library.ts. create and duplicate switch to the new one, as OBS does. A profile switch is
   * refused while an output runs. remove refuses the last one and, for the loaded one, switches to
   * another first. export answers the file's JSON text (no stream keys: they stay in the secret
   * store); import adds one from such a text under a unique name and does not switch.
   */
  'collection.list': { args: Record<string, never>; result: LibraryList };
  'collection.create': { args: { name: string }; result: null };
  'collection.rename': { args: { name: string; newName: string }; result: null };
  'collection.duplicate': { args: { name: string; newName: string }; result: null };
  'collection.remove': { args: { name: string }; result: null };
  'collection.switch': { args: { name: string }; result: null };
  'collection.export': { args: { name: string }; result: { json: string } };
  'collection.import': { args: { json: string; name: string }; result: { name: string } };
  /**
   * An OBS scene collection (its JSON text, as OBS saves it) becomes a new collection named after
   * its `name` (made unique), which is then loaded. What could not be brought over is listed.
   */
  'collection.importObs': { args: { json: string }; result: ObsImportResult };
  'profile.list': { args: Record<string, never>; result: LibraryList };
  'profile.create': { args: { name: string }; result: null };
  'profile.rename': { args: { name: string; newName: string }; result: null };
  'profile.duplicate': { args: { name: string; newName: string }; result: null };
  'profile.remove': { args: { name: string }; result: null };
  'profile.switch': { args: { name: string }; result: null };
  'profile.export': { args: { name: string }; result: { json: string } };
  'profile.import': { args: { json: string; name: string }; result: { name: string } };
  /**
   * An OBS profile's service.json (rtmp_custom or rtmp_common: server and key) becomes a destination
   * of the loaded profile; its key goes to the secret store only.
   */
  'profile.importObsService': { args: { json: string }; result: { destinationId: string } };

  /** A renderer's answer to a renderer.captureRequest event: an image as a data: URL, or why not. */
  'renderer.captureResult': {
    args: { requestId: string; dataUrl?: string; error?: string };
    result: null;
  };
  /**
   * Where obs-websocket tools connect, and the password Settings shows the local user. Never
   * available to remote sessions (the remote API does not expose our own commands).
   */
  'remote.info': {
    args: Record<string, never>;
    result: { enabled: boolean; url: string | null; password: string | null; exposed: boolean; problem: string | null };
  };
  /** Sent by the renderer that composites program output (see wire.ts, output ownership). */
  'renderer.claimOutput': { args: { priority: 'primary' | 'secondary' }; result: { granted: boolean } };
  /**
   * ~20 times a second while audio inputs play: each voice's level per channel as OBS's
   * inputLevelsMul, [magnitude (RMS), peak, inputPeak (before volume and mute)], linear. The engine
   * keeps only the output owner's report (renderer-hub.ts); kept says whether it did.
   */
  'renderer.audioLevels': { args: { levels: InputLevels[] }; result: { kept: boolean } };

  /**
   * Media controls for an input that plays media (ffmpeg_source). The engine checks and relays them
   * to every renderer (the media.action event), where playback happens. cursorMs: the seek target.
   */
  'media.action': { args: { inputUuid: string; action: MediaAction; cursorMs?: number }; result: null };
  /** What each player is doing (renderer → engine, on change and ~1 s while playing); owner's kept. */
  'renderer.mediaStatus': { args: { media: MediaStatus[] }; result: { kept: boolean } };
  /** The capture devices the renderer can open (renderer → engine, on start and on devicechange). */
  'renderer.devices': { args: { devices: MediaDevice[] }; result: { kept: boolean } };
  /**
   * Something the compositor could not do, for people: a LUT or mask file it cannot read, a stinger
   * that does not play, a source kind it cannot draw. Sent once a minute at most per problem. The engine
   * shows the output owner's as a warning notice (once a minute at most for the same text) and logs
   * it; kept says whether it did. At most RENDERER_WARNING_MAX_CHARS characters.
   */
  'renderer.warning': { args: { message: string }; result: { kept: boolean } };
  /**
   * The outputs whose sound can be captured (a `devices: 'monitor'` list, desktop audio), read by the
   * engine when asked: `description` is OBS's itemName, `monitor` (the monitor source) its itemValue
   * and the device_id. Empty where there is no PulseAudio/PipeWire.
   */
  'media.outputs': { args: Record<string, never>; result: { outputs: { monitor: string; description: string }[] } };
  /** OBS's properties button (PressInputPropertiesButton): browser_source's `refreshnocache` reloads the page. */
  'input.pressButton': { args: { inputUuid: string; propertyName: string }; result: null };
}

/** One audio input's meter reading (see renderer.audioLevels). */
export interface InputLevels {
  inputUuid: string;
  levelsMul: number[][];
}

export type CommandType = keyof CommandMap;
export type CommandArgs<T extends CommandType> = CommandMap[T]['args'];
export type CommandResult<T extends CommandType> = CommandMap[T]['result'];

export type Command = { [T in CommandType]: { type: T; args: CommandArgs<T> } }[CommandType];

/**
 * Commands that make the studio execute a program or read a path of the caller's choosing. No
 * renderer and no remote client may send them: only the host process (Electron's main process,
 * server mode's command line) runs them, through Studio.execute.
 */
export const HOST_ONLY_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>(['output.setFfmpegPath']);

/** The longest renderer.warning message the engine takes: a sentence with a file path in it. */
export const RENDERER_WARNING_MAX_CHARS = 600;
/** The same renderer warning is told (by the page) and shown (by the engine) at most once per this. */
export const RENDERER_WARNING_REPEAT_MS = 60_000;
