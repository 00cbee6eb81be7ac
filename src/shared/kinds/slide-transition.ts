import type { KindDescriptor } from '../kinds';

/** OBS's slide_transition: the new scene pushes the old one out in `direction`. */
export const SLIDE_TRANSITION: KindDescriptor = {
  id: 'slide_transition',
  category: 'transition',
  displayName: 'Slide',
  video: true,
  audio: false,
  defaults: { direction: 'left' },
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
  ],
};
