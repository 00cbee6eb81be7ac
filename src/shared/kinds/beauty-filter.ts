import type { KindDescriptor } from '../kinds';

/**
 * Our own skin smoothing: an edge-preserving (bilateral) blur mixed in by strength, so skin evens
 * out while eyes, hair and edges stay sharp.
 */
export const BEAUTY_FILTER: KindDescriptor = {
  id: 'beauty_filter',
  category: 'filter',
  displayName: 'Beauty (skin smoothing)',
  video: true,
  audio: false,
  defaults: { strength: 0.5, radius: 4, edge: 0.1 },
  properties: [
    { type: 'float', name: 'strength', label: 'Strength', min: 0, max: 1, step: 0.01 },
    { type: 'int', name: 'radius', label: 'Radius', min: 1, max: 12, suffix: 'px' },
    { type: 'float', name: 'edge', label: 'Edge threshold', min: 0.01, max: 1, step: 0.01 },
  ],
};
