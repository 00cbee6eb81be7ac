/** The capture and media source kinds (issue "Sources"), one file each; kinds.ts lists them in INPUT_KINDS. */
import type { KindDescriptor } from '../kinds';
import { CAMERA_INPUT } from './camera';
import { FFMPEG_SOURCE } from './media';
import { DISPLAY_CAPTURE, WINDOW_CAPTURE } from './screen';
import { SLIDESHOW } from './slideshow';
import { BROWSER_SOURCE } from './browser';

export { FFMPEG_SOURCE, MEDIA_KIND_IDS } from './media';
export { CAMERA_INPUT } from './camera';
export { DISPLAY_CAPTURE, WINDOW_CAPTURE } from './screen';
export { SLIDESHOW } from './slideshow';
export { BROWSER_SOURCE, BROWSER_REFRESH_BUTTON, browserPageUrl, browserSettingsProblem } from './browser';

export const SOURCE_KINDS: readonly KindDescriptor[] = [FFMPEG_SOURCE, CAMERA_INPUT, DISPLAY_CAPTURE, WINDOW_CAPTURE, SLIDESHOW, BROWSER_SOURCE];
