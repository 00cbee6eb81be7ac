import type { KindDescriptor } from '../kinds';

/** OBS's swipe_transition: the new scene swipes in over the old (or the old swipes out, swipe_in off). */
export const SWIPE_TRANSITION: KindDescriptor = {
  id: 'swipe_transition',
  category: 'transition',
  displayName: 'Swipe',
  video: true,
  audio: false,
  defaults: { direction: 'left', swipe_in: false },
  properties: [
    {
      type: 'list',
      name: 'direction',
      label: 'Direction',
      options: [
        { label: 'Left', value: 'left' },
        { label: 'Right', value: 'right' },
        { label: 'Up', value: 'up' },
        { label: 'Down', value: 'down' },
      ],
    },
    { type: 'bool', name: 'swipe_in', label: 'Swipe in' },
  ],
};
