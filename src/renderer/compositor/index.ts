import type { Compositor, CompositorOptions } from './api';
import { StudioCompositor } from './compositor';

export type { Compositor, CompositorAudio, CompositorOptions, CompositorStats } from './api';
export { registerSource, type SourceKind, type SourceRuntime } from './sources';

export function createCompositor(opts: CompositorOptions): Compositor {
  return new StudioCompositor(opts);
}
