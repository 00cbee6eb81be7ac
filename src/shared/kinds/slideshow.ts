import type { KindDescriptor } from '../kinds';

/**
 * OBS's slideshow: images shown one after another (files as OBS stores them: [{ value: path }]),
 * slide_time ms each, in order or at random, looping or stopping at the last. Media controls work on
 * it as in OBS (play/pause, next, previous, restart, stop). Cuts between slides (no fade yet).
 */
export const SLIDESHOW: KindDescriptor = {
  id: 'slideshow',
  category: 'input',
  displayName: 'Image slideshow',
  video: true,
  audio: false,
  defaults: { files: [], slide_time: 8000, loop: true, randomize: false, hide: false },
  properties: [
    { type: 'entries', name: 'files', label: 'Image files', fields: ['value'], maxItems: 1000, maxLength: 4096 },
    { type: 'int', name: 'slide_time', label: 'Time between slides', min: 50, max: 3_600_000, suffix: 'ms' },
    { type: 'bool', name: 'loop', label: 'Loop' },
    { type: 'bool', name: 'randomize', label: 'Randomize playback' },
    { type: 'bool', name: 'hide', label: 'Hide when slideshow is done' },
  ],
};
