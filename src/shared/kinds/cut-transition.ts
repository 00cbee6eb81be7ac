import type { KindDescriptor } from '../kinds';

/** OBS's cut_transition: the new scene at once. */
export const CUT_TRANSITION: KindDescriptor = {
  id: 'cut_transition',
  category: 'transition',
  displayName: 'Cut',
  video: true,
  audio: false,
  defaults: {},
  properties: [],
};
