import type { KindDescriptor } from '../kinds';

/**
 * OBS's noise_suppress_filter_v2. RNNoise (OBS's default method) runs in an AudioWorklet
 * (src/renderer/audio/rnnoise.ts). OBS's "speex" method is accepted so OBS scenes load, and runs
 * RNNoise too, with suppress_level as the most it takes away; NVIDIA's denoiser is not offered: it
 * needs NVIDIA's SDK, which a browser cannot run.
 */
export const NOISE_SUPPRESS_FILTER: KindDescriptor = {
  id: 'noise_suppress_filter_v2',
  category: 'filter',
  displayName: 'Noise Suppression',
  video: false,
  audio: true,
  defaults: { method: 'rnnoise', suppress_level: -30 },
  properties: [
    {
      type: 'list',
      name: 'method',
      label: 'Method',
      options: [
        { label: 'RNNoise (good quality, more CPU usage)', value: 'rnnoise' },
        { label: 'Speex (runs as RNNoise, limited by the suppression level)', value: 'speex' },
      ],
    },
    { type: 'int', name: 'suppress_level', label: 'Suppression level (Speex)', min: -60, max: 0, suffix: 'dB' },
  ],
};
