import type { KindDescriptor } from '../kinds';

/** OBS's gpu_delay ("Render Delay"): shows the picture delay_ms late, from a ring of past frames. */
export const GPU_DELAY_FILTER: KindDescriptor = {
  id: 'gpu_delay',
  category: 'filter',
  displayName: 'Render Delay',
  video: true,
  audio: false,
  defaults: { delay_ms: 0 },
  properties: [{ type: 'int', name: 'delay_ms', label: 'Delay', min: 0, max: 500, suffix: 'ms' }],
};
