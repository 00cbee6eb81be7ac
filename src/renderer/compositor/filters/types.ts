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

/**
 * A per-pixel step: each output pixel depends only on the input pixel at the same place, and the
 * output is the input's size. Such a step can run inside another pass instead of a pass of its own
 * (a video's YUV conversion runs its first filter this way: one full-size pass less per frame).
 */
export interface PointOp {
  /**
   * GLSL that declares its uniforms and `vec4 point(vec4 c)` on premultiplied colour; it may use
   * `straight` and `premul` (POINT_HELPERS). Uniform names must not start with `u_` (the host's).
   */
  readonly glsl: string;
  /** New whenever what the step does changes (settings), and unique across runtimes. */
  readonly key: string;
  /** Sets its uniforms on the program that includes `glsl` (the program is in use). */
  set(gl: WebGL2RenderingContext, at: (name: string) => WebGLUniformLocation | null): void;
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
  /**
   * Logs a problem once per key. With 'notice' it also reaches the people running the studio, as a
   * warning notice (renderer.warning): for problems nothing else reports, such as a file a filter
   * cannot read. Sources with a media status (players, captures) report through that instead.
   */
  warnOnce(key: string, message: string, reach?: 'notice'): void;
}

export interface FilterRuntime {
  /** The output size for an input of w × h (most filters keep it; crop and scale change it). */
  size(w: number, h: number): Size;
  /** True while the output changes with time alone, so the chain re-runs it every tick. */
  animated(): boolean;
  /** Bumped when something other than settings changed the output (a mask image finished loading). */
  readonly version?: number;
  update(settings: Settings): void;
  /**
   * Optional: whether an input whose alpha is 1 everywhere gives an output whose alpha is 1
   * everywhere, with the settings now. Absent = no (a key, a mask, a crop that leaves a border).
   */
  keepsOpaque?(): boolean;
  /** Optional: the runtime as a per-pixel step another pass may run instead (see PointOp); null when it is not one now. */
  point?(): PointOp | null;
  /** Draws `out` (already size(input)) from `input`. */
  render(fx: FilterGl, input: Tex, out: Target, frame: FrameInfo): void;
  dispose(): void;
}

export interface FilterKind {
  id: string;
  create(settings: Settings, ctx: FilterContext): FilterRuntime;
}
