/**
 * Filter runtimes: the GPU half of a video filter kind (the data half is a KindDescriptor in
 * src/shared/kinds/). A runtime turns one input picture into one output picture through passes
 * drawn by FilterGl; the chain (./chain.ts) owns the output targets and decides when to re-run.
 */
import type { Settings } from '../../../shared';
import type { Target } from '../gl/target';
import type { FrameInfo } from '../sources';
import type { FilterGl } from './gl';

/** A picture on the GPU: premultiplied RGBA, row 0 at the top. */
export interface Tex {
  texture: WebGLTexture;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface FilterContext {
  readonly gl: WebGL2RenderingContext;
  /** The canvas size (scale_filter's "Base"). */
  baseWidth(): number;
  baseHeight(): number;
  /** Frames per second of the program clock (gpu_delay, scroll_filter). */
  fps(): number;
  /** URL to load a local file the document refers to (masks, LUTs). */
  mediaUrl(path: string): string;
  warnOnce(key: string, message: string): void;
}

export interface FilterRuntime {
  /** The output size for an input of w × h (most filters keep it; crop and scale change it). */
  size(w: number, h: number): Size;
  /** True while the output changes with time alone, so the chain re-runs it every tick. */
  animated(): boolean;
  /** Bumped when something other than settings changed the output (a mask image finished loading). */
  readonly version?: number;
  update(settings: Settings): void;
  /** Draws `out` (already size(input)) from `input`. */
  render(fx: FilterGl, input: Tex, out: Target, frame: FrameInfo): void;
  dispose(): void;
}

export interface FilterKind {
  id: string;
  create(settings: Settings, ctx: FilterContext): FilterRuntime;
}
