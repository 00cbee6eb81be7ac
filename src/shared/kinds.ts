/**
 * Kind descriptors: the data half of a registered kind (id, defaults, properties schema), shared by
 * the engine (validation, obs-websocket GetInputDefaultSettings) and the renderer (generated settings
 * forms). The behaviour half — create/update/dispose/render — lives with whoever runs the kind: the
 * compositor registers a runtime for every source kind listed here.
 */
import type { DeviceListSource } from './media';

export type Property =
  | { type: 'int' | 'float'; name: string; label: string; min: number; max: number; step?: number; suffix?: string }
  | { type: 'bool'; name: string; label: string }
  | { type: 'text'; name: string; label: string; multiline?: boolean; maxLength?: number }
  /** ABGR uint32, OBS's color encoding. */
  /**
   * An OBS colour, ABGR. alpha false: the kind reads only red, green and blue (OBS's `color`
   * property rather than `color_alpha`), so forms show no opacity.
   */
  | { type: 'color'; name: string; label: string; alpha?: false }
  /** A local file; filter uses the "Images (*.png *.jpg)" form OBS uses. */
  | { type: 'path'; name: string; label: string; filter: string }
  /** OBS font object: { face, size, style, flags }. */
  | { type: 'font'; name: string; label: string }
  /**
   * devices: the options are the capture devices the compositing renderer reports (renderer.devices),
   * each as { label, value: deviceId }; `options` then holds only fixed choices (e.g. "Default").
   */
  | { type: 'list'; name: string; label: string; options: { label: string; value: string | number }[]; devices?: DeviceListSource }
  /**
   * A list of records with text fields (a lower third's queue: [{ name, title, subtitle }]); each field
   * at most maxLength characters. Forms edit it as one line per record, fields separated by " | ".
   */
  | { type: 'entries'; name: string; label: string; fields: readonly string[]; maxItems: number; maxLength: number };

export type KindCategory = 'input' | 'filter' | 'transition' | 'output' | 'encoder';

export interface KindDescriptor {
  id: string;
  /**
   * Other ids that name this kind, OBS's platform-specific ones first (v4l2_input, dshow_input…):
   * CreateInput and an imported collection accept them, and the input is stored under `id`.
   */
  aliases?: readonly string[];
  category: KindCategory;
  displayName: string;
  defaults: Record<string, unknown>;
  properties: Property[];
  /** Whether the kind produces video / audio (OBS output flags, simplified). */
  video: boolean;
  audio: boolean;
  /** A plain sentence the settings form shows above the fields (e.g. what this platform cannot do). */
  note?: string;
}

export interface FontSetting {
  face: string;
  size: number;
  style: string;
  /** OBS bit flags: 1 bold, 2 italic, 4 underline, 8 strikeout. */
  flags: number;
}

/** OBS's color_source_v3. Width/height 0 means "the canvas size", resolved when created. */
export const COLOR_SOURCE: KindDescriptor = {
  id: 'color_source_v3',
  category: 'input',
  displayName: 'Color',
  video: true,
  audio: false,
  defaults: { color: 0xffd1d1d1, width: 0, height: 0 },
  properties: [
    { type: 'color', name: 'color', label: 'Color' },
    { type: 'int', name: 'width', label: 'Width', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'height', label: 'Height', min: 0, max: 8192, suffix: 'px' },
  ],
};

/** OBS's image_source. */
export const IMAGE_SOURCE: KindDescriptor = {
  id: 'image_source',
  category: 'input',
  displayName: 'Image',
  video: true,
  audio: false,
  defaults: { file: '', unload: false, linear_alpha: false },
  properties: [
    { type: 'path', name: 'file', label: 'Image file', filter: 'Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.svg)' },
    { type: 'bool', name: 'unload', label: 'Unload image when not showing' },
  ],
};

/** OBS's text_ft2_source_v2, plus outline color and width OBS hard-codes. */
export const TEXT_SOURCE: KindDescriptor = {
  id: 'text_ft2_source_v2',
  category: 'input',
  displayName: 'Text',
  video: true,
  audio: false,
  defaults: {
    text: 'Text',
    font: { face: 'Sans Serif', size: 64, style: 'Regular', flags: 0 } satisfies FontSetting,
    color1: 0xffffffff,
    color2: 0xffffffff,
    outline: false,
    outline_color: 0xff000000,
    outline_size: 4,
    drop_shadow: false,
  },
  properties: [
    { type: 'text', name: 'text', label: 'Text', multiline: true, maxLength: 10000 },
    { type: 'font', name: 'font', label: 'Font' },
    { type: 'color', name: 'color1', label: 'Color' },
    { type: 'bool', name: 'outline', label: 'Outline' },
    { type: 'color', name: 'outline_color', label: 'Outline color' },
    { type: 'int', name: 'outline_size', label: 'Outline size', min: 1, max: 32, suffix: 'px' },
    { type: 'bool', name: 'drop_shadow', label: 'Drop shadow' },
  ],
};

/** Our own: bars, a running clock and a frame counter, to see at a glance that frames flow. */
export const TEST_PATTERN: KindDescriptor = {
  id: 'studio_test_pattern',
  category: 'input',
  displayName: 'Test pattern',
  video: true,
  audio: false,
  defaults: { width: 0, height: 0, show_clock: true, show_counter: true },
  properties: [
    { type: 'int', name: 'width', label: 'Width', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'height', label: 'Height', min: 0, max: 8192, suffix: 'px' },
    { type: 'bool', name: 'show_clock', label: 'Show clock' },
    { type: 'bool', name: 'show_counter', label: 'Show frame counter' },
  ],
};

/**
 * Our own: a sine tone, the studio's first input with audio, so mute and volume can be exercised
 * end to end (obs-websocket, the web remote) before real capture exists. No video: it draws nothing.
 */
export const TEST_TONE: KindDescriptor = {
  id: 'audio_test_tone',
  category: 'input',
  displayName: 'Test tone',
  video: false,
  audio: true,
  defaults: { frequency: 440 },
  properties: [{ type: 'int', name: 'frequency', label: 'Frequency', min: 20, max: 20000, suffix: 'Hz' }],
};

export const INPUT_KINDS: readonly KindDescriptor[] = [COLOR_SOURCE, IMAGE_SOURCE, TEXT_SOURCE, TEST_PATTERN, TEST_TONE, ...SOURCE_KINDS, ...OVERLAY_KINDS, ...AUDIO_KINDS];

// Sound sources (microphone, desktop audio), one file each under ./kinds/.
import { AUDIO_FILTER_KINDS, AUDIO_KINDS } from './kinds/audio';
export * from './kinds/audio';

// Media and capture sources (camera, screen, window, media file), one file each under ./kinds/.
import { SOURCE_KINDS } from './kinds/sources';
export * from './kinds/sources';

// Filter kinds, one file each under ./kinds/; video ones run on the compositor's GPU, audio ones in the mixer.
import { BEAUTY_FILTER } from './kinds/beauty-filter';
import { BLUR_FILTER } from './kinds/blur-filter';
import { CHROMA_KEY_FILTER } from './kinds/chroma-key-filter';
import { CLUT_FILTER } from './kinds/clut-filter';
import { COLOR_FILTER } from './kinds/color-filter';
import { COLOR_KEY_FILTER } from './kinds/color-key-filter';
import { CROP_FILTER } from './kinds/crop-filter';
import { GPU_DELAY_FILTER } from './kinds/gpu-delay';
import { LUMA_KEY_FILTER } from './kinds/luma-key-filter';
import { MASK_FILTER } from './kinds/mask-filter';
import { SCALE_FILTER } from './kinds/scale-filter';
import { SCROLL_FILTER } from './kinds/scroll-filter';
import { SHARPNESS_FILTER } from './kinds/sharpness-filter';

export {
  BEAUTY_FILTER,
  BLUR_FILTER,
  CHROMA_KEY_FILTER,
  CLUT_FILTER,
  COLOR_FILTER,
  COLOR_KEY_FILTER,
  CROP_FILTER,
  GPU_DELAY_FILTER,
  LUMA_KEY_FILTER,
  MASK_FILTER,
  SCALE_FILTER,
  SCROLL_FILTER,
  SHARPNESS_FILTER,
};

/** Every filter kind (category 'filter'); each has video: true (GPU) or audio: true (mixer). */
export const FILTER_KINDS: readonly KindDescriptor[] = [
  COLOR_FILTER,
  CHROMA_KEY_FILTER,
  COLOR_KEY_FILTER,
  LUMA_KEY_FILTER,
  SHARPNESS_FILTER,
  CROP_FILTER,
  SCROLL_FILTER,
  SCALE_FILTER,
  MASK_FILTER,
  CLUT_FILTER,
  GPU_DELAY_FILTER,
  BLUR_FILTER,
  BEAUTY_FILTER,
  ...AUDIO_FILTER_KINDS,
];

// Live graphics (lower third, scoreboard, countdown), one file each under ./kinds/.
import { OVERLAY_KINDS } from './kinds/overlays';
export * from './kinds/overlays';
export * from './kinds/lower-third';
export * from './kinds/scoreboard';
export * from './kinds/countdown';
export * from './kinds/stopwatch';

// Transition kinds, one file each under ./kinds/ (OBS's ids and settings names).
import { CUT_TRANSITION } from './kinds/cut-transition';
import { FADE_TO_COLOR_TRANSITION } from './kinds/fade-to-color-transition';
import { FADE_TRANSITION } from './kinds/fade-transition';
import { SLIDE_TRANSITION } from './kinds/slide-transition';
import { SWIPE_TRANSITION } from './kinds/swipe-transition';
import { LUMA_WIPE_TRANSITION } from './kinds/luma-wipe-transition';
import { STINGER_TRANSITION } from './kinds/stinger-transition';

export { CUT_TRANSITION, FADE_TO_COLOR_TRANSITION, FADE_TRANSITION, SLIDE_TRANSITION, SWIPE_TRANSITION };
export * from './kinds/luma-wipe-transition';
export * from './kinds/stinger-transition';

/** Every scene transition kind (category 'transition'); the compositor mixes program with them. */
export const TRANSITION_KINDS: readonly KindDescriptor[] = [
  CUT_TRANSITION,
  FADE_TRANSITION,
  FADE_TO_COLOR_TRANSITION,
  SLIDE_TRANSITION,
  SWIPE_TRANSITION,
  // New kinds go last: obs-websocket's transition UUIDs follow this order.
  LUMA_WIPE_TRANSITION,
  STINGER_TRANSITION,
];
