/** The sound kinds (issue "Sound"), one file each; kinds.ts lists them in INPUT_KINDS. */
import type { KindDescriptor } from '../kinds';
import { AUDIO_INPUT } from './audio-input';
import { AUDIO_OUTPUT_CAPTURE } from './audio-output-capture';

export { AUDIO_INPUT, DEFAULT_AUDIO_DEVICE } from './audio-input';
export { AUDIO_OUTPUT_CAPTURE } from './audio-output-capture';

export const AUDIO_KINDS: readonly KindDescriptor[] = [AUDIO_INPUT, AUDIO_OUTPUT_CAPTURE];
