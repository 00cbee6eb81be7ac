/**
 * The mixer's per-input state beyond mute and volume, in OBS's terms: balance, sync offset,
 * monitoring and the six tracks. Every Input carries it (see model.ts), whatever its kind, so the
 * shape never depends on the kind; only kinds with audio accept changes.
 */

/** OBS's obs_monitoring_type, by the names this studio stores. */
export type MonitorType = 'none' | 'monitorOnly' | 'monitorAndOutput';
export const MONITOR_TYPES: readonly MonitorType[] = ['none', 'monitorOnly', 'monitorAndOutput'];

/** obs-websocket's spelling of each monitoring type. */
export const OBS_MONITOR_TYPES: Readonly<Record<MonitorType, string>> = {
  none: 'OBS_MONITORING_TYPE_NONE',
  monitorOnly: 'OBS_MONITORING_TYPE_MONITOR_ONLY',
  monitorAndOutput: 'OBS_MONITORING_TYPE_MONITOR_AND_OUTPUT',
};

/** OBS's sync offset range (the Advanced Audio Properties spin box), ms. */
export const SYNC_OFFSET_LIMITS = { minMs: -950, maxMs: 20000 } as const;

/** OBS's mixer tracks, numbered 1..6 in its UI and in obs-websocket. */
export const AUDIO_TRACK_COUNT = 6;

export interface MixerState {
  /** 0 = full left, 0.5 = centre (untouched), 1 = full right (OBS's balance). */
  balance: number;
  /** Delay applied to this input's sound, ms, in SYNC_OFFSET_LIMITS. */
  syncOffsetMs: number;
  monitorType: MonitorType;
  /** Whether the input feeds track 1..6 (index 0 = track 1). */
  audioTracks: boolean[];
}

export const MIXER_DEFAULTS: Readonly<MixerState> = {
  balance: 0.5,
  syncOffsetMs: 0,
  monitorType: 'none',
  audioTracks: [true, true, true, true, true, true],
};
