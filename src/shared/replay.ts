/**
 * The replay buffer (OBS's): the last few seconds of the encoded program kept in memory, saved to a
 * file on demand. Settings live beside the recording's (RecordingSettings.replayMaxSeconds/replayMaxMb).
 */

/** OBS's defaults: Maximum Replay Time 20 s, Maximum Memory 512 MB. */
export const DEFAULT_REPLAY_SECONDS = 20;
export const DEFAULT_REPLAY_MB = 512;
export const MAX_REPLAY_SECONDS = 21_600;
export const MAX_REPLAY_MB = 16_384;

export type ReplayState = 'idle' | 'starting' | 'active' | 'stopping' | 'failed';

export interface ReplayStatus {
  state: ReplayState;
  /** What the buffer holds now. */
  bytes: number;
  durationMs: number;
  /** The settings it runs with. */
  maxSeconds: number;
  maxMb: number;
  /** The file the last save wrote (OBS's GetLastReplayBufferReplay), null before any. */
  lastReplay: string | null;
  /** Why it failed or stopped on its own. */
  error: string | null;
  /** The extra canvas it keeps (the recording's, RecordingSettings.canvas), while it runs; absent: the main one. */
  canvas?: string;
}

export const IDLE_REPLAY_STATUS: ReplayStatus = {
  state: 'idle',
  bytes: 0,
  durationMs: 0,
  maxSeconds: DEFAULT_REPLAY_SECONDS,
  maxMb: DEFAULT_REPLAY_MB,
  lastReplay: null,
  error: null,
};

/** A saved replay: the file, and where it lies on the encoder's timeline (PTS, ms). */
export interface ReplaySaved {
  path: string;
  frames: number;
  durationMs: number;
  firstPtsMs: number;
  lastPtsMs: number;
  /** Where its last frame ends, ms after the first frame the buffer held since it started. */
  endMs: number;
  /** The mixer tracks its audio streams carry, in order (the recording's tracks at the buffer's start). */
  tracks: number[];
  /** Recording tracks the running encoding lacked, left out of the file (track settings apply at the next start). */
  missingTracks: number[];
  /** Why something asked for is not in the file (missingTracks), when so. */
  warning?: string;
}

/** The media source PlayLastReplay plays in (OBS's ffmpeg_source), when none is named. */
export const DEFAULT_REPLAY_INPUT = 'Replay';

/**
 * What replay.play (PlayLastReplay) takes; absent fields use RecordingSettings' replay defaults
 * (replayTransitionKind / replayTransitionMs / replayReturnToScene), else the current transition.
 */
export interface ReplayPlayArgs {
  /** The media source to play it in; default "Replay". */
  inputName?: string;
  /** The scene to show it in (by name); default: the program scene (no switch then). */
  sceneName?: string;
  /** 1..200; slow motion below 100. */
  speedPercent?: number;
  /** A registered transition kind id for the switch into sceneName (and back). */
  transitionKind?: string;
  transitionDurationMs?: number;
  /** The kind's settings for this replay (e.g. a stinger's path); default: the kind's own. */
  transitionSettings?: Record<string, unknown>;
  /** Switch back to the scene before it when the replay has played out (unless someone switched meanwhile). */
  returnToScene?: boolean;
}

export interface ReplayPlayed {
  inputName: string;
  inputUuid: string;
  sceneName: string;
  savedReplayPath: string;
  transitionKind: string;
  transitionDurationMs: number;
  /** The scene program goes back to at the end, null when it will not. */
  returnSceneName: string | null;
}
