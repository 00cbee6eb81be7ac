import type { KindDescriptor, Property } from '../kinds';

/** Crop in source pixels, shared by display and window capture. */
const CROP: Property[] = [
  { type: 'int', name: 'crop_left', label: 'Crop left', min: 0, max: 8192, suffix: 'px' },
  { type: 'int', name: 'crop_top', label: 'Crop top', min: 0, max: 8192, suffix: 'px' },
  { type: 'int', name: 'crop_right', label: 'Crop right', min: 0, max: 8192, suffix: 'px' },
  { type: 'int', name: 'crop_bottom', label: 'Crop bottom', min: 0, max: 8192, suffix: 'px' },
];

/**
 * A screen, captured with getDisplayMedia in the compositing Chromium (the desktop app answers the
 * request itself and remembers the chosen screen; server mode's Chromium is told by its flags).
 * OBS's monitor_capture / xshm_input / screen_capture / pipewire-desktop-capture-source are aliases;
 * capture_cursor is monitor_capture's name.
 */
export const DISPLAY_CAPTURE: KindDescriptor = {
  id: 'display_capture',
  aliases: ['monitor_capture', 'xshm_input', 'screen_capture', 'pipewire-desktop-capture-source'],
  category: 'input',
  displayName: 'Display capture',
  video: true,
  audio: false,
  defaults: { capture_cursor: true, crop_left: 0, crop_top: 0, crop_right: 0, crop_bottom: 0 },
  properties: [{ type: 'bool', name: 'capture_cursor', label: 'Capture cursor' }, ...CROP],
};

/** One window, as display capture (OBS's xcomposite_input / pipewire-window-capture-source; cursor as in window_capture). */
export const WINDOW_CAPTURE: KindDescriptor = {
  id: 'window_capture',
  aliases: ['xcomposite_input', 'pipewire-window-capture-source'],
  category: 'input',
  displayName: 'Window capture',
  video: true,
  audio: false,
  defaults: { cursor: true, crop_left: 0, crop_top: 0, crop_right: 0, crop_bottom: 0 },
  properties: [{ type: 'bool', name: 'cursor', label: 'Capture cursor' }, ...CROP],
};
