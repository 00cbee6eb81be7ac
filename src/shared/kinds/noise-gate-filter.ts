import type { KindDescriptor } from '../kinds';

/** OBS's noise_gate_filter: opens above one threshold, closes below a lower one after a hold. */
export const NOISE_GATE_FILTER: KindDescriptor = {
  id: 'noise_gate_filter',
  category: 'filter',
  displayName: 'Noise Gate',
  video: false,
  audio: true,
  defaults: { open_threshold: -26, close_threshold: -32, attack_time: 25, hold_time: 200, release_time: 150 },
  properties: [
    { type: 'float', name: 'close_threshold', label: 'Close threshold', min: -96, max: 0, step: 0.1, suffix: 'dB' },
    { type: 'float', name: 'open_threshold', label: 'Open threshold', min: -96, max: 0, step: 0.1, suffix: 'dB' },
    { type: 'int', name: 'attack_time', label: 'Attack time', min: 0, max: 10000, suffix: 'ms' },
    { type: 'int', name: 'hold_time', label: 'Hold time', min: 0, max: 10000, suffix: 'ms' },
    { type: 'int', name: 'release_time', label: 'Release time', min: 0, max: 10000, suffix: 'ms' },
  ],
};
