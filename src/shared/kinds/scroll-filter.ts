import type { KindDescriptor } from '../kinds';

/** OBS's scroll_filter: moves the picture by speed_x/speed_y pixels a second, wrapping when loop is on. */
export const SCROLL_FILTER: KindDescriptor = {
  id: 'scroll_filter',
  category: 'filter',
  displayName: 'Scroll',
  video: true,
  audio: false,
  defaults: { speed_x: 0, speed_y: 0, limit_cx: false, cx: 100, limit_cy: false, cy: 100, loop: true },
  properties: [
    { type: 'float', name: 'speed_x', label: 'Horizontal speed', min: -500, max: 500, step: 1, suffix: 'px/s' },
    { type: 'float', name: 'speed_y', label: 'Vertical speed', min: -500, max: 500, step: 1, suffix: 'px/s' },
    { type: 'bool', name: 'limit_cx', label: 'Limit width' },
    { type: 'int', name: 'cx', label: 'Width', min: 1, max: 8192, suffix: 'px' },
    { type: 'bool', name: 'limit_cy', label: 'Limit height' },
    { type: 'int', name: 'cy', label: 'Height', min: 1, max: 8192, suffix: 'px' },
    { type: 'bool', name: 'loop', label: 'Loop' },
  ],
};
