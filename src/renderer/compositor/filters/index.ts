/** The built-in video filter kinds, registered once. */
import { beautyFilter } from './beauty';
import { blurFilter } from './blur';
import { chromaKeyFilter } from './chroma-key';
import { clutFilter } from './clut';
import { colorFilter } from './color';
import { colorKeyFilter } from './color-key';
import { cropFilter } from './crop';
import { gpuDelayFilter } from './gpu-delay';
import { lumaKeyFilter } from './luma-key';
import { maskFilter } from './mask';
import { registerFilter } from './registry';
import { scaleFilter } from './scale';
import { scrollFilter } from './scroll';
import { sharpnessFilter } from './sharpness';

export { filterKind, registerFilter, registeredFilterKinds } from './registry';
export { FilterStage, preserving, type Picture } from './stage';
export type { FilterContext, FilterKind, FilterRuntime, Tex } from './types';

let done = false;
export function registerBuiltinFilters(): void {
  if (done) return;
  done = true;
  for (const k of [
    colorFilter,
    chromaKeyFilter,
    colorKeyFilter,
    lumaKeyFilter,
    sharpnessFilter,
    cropFilter,
    scrollFilter,
    scaleFilter,
    maskFilter,
    clutFilter,
    gpuDelayFilter,
    blurFilter,
    beautyFilter,
  ]) {
    registerFilter(k);
  }
}
