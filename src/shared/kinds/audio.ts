/** The sound kinds (issue "Sound"), one file each; kinds.ts lists them in INPUT_KINDS and FILTER_KINDS. */
import type { KindDescriptor } from '../kinds';
import { AUDIO_INPUT } from './audio-input';
import { AUDIO_OUTPUT_CAPTURE } from './audio-output-capture';
import { COMPRESSOR_FILTER } from './compressor-filter';
import { EQ_FILTER } from './eq-filter';
import { EXPANDER_FILTER } from './expander-filter';
import { GAIN_FILTER } from './gain-filter';
import { LIMITER_FILTER } from './limiter-filter';
import { NOISE_GATE_FILTER } from './noise-gate-filter';
import { NOISE_SUPPRESS_FILTER } from './noise-suppress-filter';

export { AUDIO_INPUT, DEFAULT_AUDIO_DEVICE } from './audio-input';
export { AUDIO_OUTPUT_CAPTURE, DEFAULT_OUTPUT_DEVICE, DESKTOP_AUDIO_LABEL, desktopAudioLabel } from './audio-output-capture';
export { COMPRESSOR_FILTER, EQ_FILTER, EXPANDER_FILTER, GAIN_FILTER, LIMITER_FILTER, NOISE_GATE_FILTER, NOISE_SUPPRESS_FILTER };

export const AUDIO_KINDS: readonly KindDescriptor[] = [AUDIO_INPUT, AUDIO_OUTPUT_CAPTURE];

/** Audio filters, run in each input's channel strip (src/renderer/audio/filters.ts). */
export const AUDIO_FILTER_KINDS: readonly KindDescriptor[] = [GAIN_FILTER, NOISE_GATE_FILTER, COMPRESSOR_FILTER, LIMITER_FILTER, EXPANDER_FILTER, EQ_FILTER, NOISE_SUPPRESS_FILTER];
