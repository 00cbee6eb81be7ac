/**
 * Source runtimes: the behaviour half of a kind (the data half is a KindDescriptor in src/shared).
 * Like a libobs source table: create goes through the same path as update, and render draws into
 * the item's already-transformed quad.
 */
import type { Settings } from '../../../shared';
import type { PointOp } from '../filters/types';
import type { MediaPort } from './media-link';
import type { BrowserPort } from './browser-link';
import type { CaptureDelay } from './capture-delay';

/** A source's picture as one texture of its size (SourceRuntime.texture). */
export interface DirectTexture {
  texture: WebGLTexture;
  /** Whether the lead filter it was asked for has been applied to it. */
  fused: boolean;
  /**
   * Whether every texel has alpha 1 before that lead filter (a YUV video frame; see Draw.texture's
   * `opaque`). Absent = not known.
   */
  opaque?: boolean;
}

export interface FrameInfo {
  /** Frame clock tick index. */
  index: number;
  /** Wall-clock time of the frame, ms since the epoch (for on-screen clocks only). */
  wallMs: number;
}

/** Draws into the current item's quad (transform and crop already set up by the compositor). */
export interface Draw {
  /**
   * A premultiplied-alpha texture whose texels map to the source's width × height. `size`: the
   * texture's own size in texels, where the caller knows it; when that is the source's size and
   * the item lays its pixels 1:1 on the canvas, texels are read without filtering (same pixels,
   * less work in software GL). `opaque`: every texel's alpha is 1; such an item, laid 1:1 with the
   * normal blend, replaces what is under it, so it is copied (blitFramebuffer) instead of drawn.
   */
  texture(texture: WebGLTexture, size?: { width: number; height: number }, opaque?: boolean): void;
  /** A solid color, premultiplied RGBA in 0..1. */
  color(premultiplied: Float32Array): void;
}

export interface SourceContext {
  readonly gl: WebGL2RenderingContext;
  /** The canvas size, for kinds whose width/height 0 means "as large as the canvas". */
  baseWidth(): number;
  baseHeight(): number;
  /** Shared magenta/black 256×256 checker for sources with nothing to show. */
  placeholder(): WebGLTexture;
  /** URL to load a local file the document refers to. */
  mediaUrl(path: string): string;
  /** console.warn once per key for the compositor's lifetime (problems the engine reports to the user). */
  /** As FilterContext.warnOnce: 'notice' also tells people, for problems no media status carries. */
  warnOnce(key: string, message: string, reach?: 'notice'): void;
  /** The program's sound, or null where audio is off or unavailable (see SourceAudioPort). */
  readonly audio: SourceAudioPort | null;
  /**
   * Media control and capture devices (./media-link.ts): players attach to receive the engine's
   * media.action and report their status. Absent where the compositor runs without a bridge link.
   */
  readonly media?: MediaPort;
  /** Browser sources' pictures from the engine (./browser-link.ts); absent without a bridge link. */
  readonly browser?: BrowserPort;
  /**
   * How long after capture every capture device's picture is shown and its sound heard, one for the
   * whole page (./capture-delay.ts): a camera and a microphone opened as separate inputs (a webcam
   * and a USB microphone) pair up by their capture stamps as a camera and its own microphone do.
   */
  readonly captureDelay: CaptureDelay;
}

/**
 * How a source with sound (media, camera microphone, browser page, capture) hands it to the mixer.
 * The source creates its node in `context` and attaches it once; the mixer owns everything after
 * that node (sync offset, filters, fader, meters, buses). The returned function detaches it; a
 * runtime calls it in dispose.
 */
export interface SourceAudioPort {
  readonly context: AudioContext;
  attach(node: AudioNode): () => void;
  /**
   * The context time (s) at which a sample must play to be heard at page time `pageMs` as the
   * program's output stamps its sound (null until that is known). Absent where nothing stamps it.
   */
  readonly heardAt?: (pageMs: number) => number | null;
  /**
   * How long after the graph renders a sample the program hears it, ms (null until known). A
   * <video> playing into the graph shows each picture as the graph takes its sound, this much
   * before the sound is heard. Absent where nothing stamps the program's sound.
   */
  readonly renderLead?: () => number | null;
}

/** Who a runtime is: the input it draws. */
export interface SourceInfo {
  readonly uuid: string;
  readonly name: string;
}

export interface SourceRuntime {
  /** Current size in source pixels (0 = draws nothing). */
  readonly width: number;
  readonly height: number;
  /**
   * Bumped whenever the picture changes (a new video frame, new settings). Runtimes without it are
   * treated as changing on every tick; the compositor reuses cached results while it stays put.
   */
  readonly version?: number;
  update(settings: Settings): void;
  /**
   * The source entered (true) or left (false) program; a new runtime starts inactive. Media uses it
   * for restart_on_activate and close_when_inactive, as libobs's activate/deactivate.
   */
  setActive?(active: boolean): void;
  render(draw: Draw, frame: FrameInfo): void;
  /**
   * Optional: makes the picture current for `frame` and, where it is exactly one texture of
   * width × height (premultiplied, top-down, no transform), answers it; else null. A filter chain
   * then reads that texture directly instead of a copy `render` would draw: one full-size pass
   * less per new frame, which in software GL is a large share of a 1080p clip's cost.
   * `lead`: the chain's first filter as a per-pixel step; a source that makes its picture in a pass
   * of its own (YUV planes) may run it there, and says so with `fused`, so the chain starts after it.
   */
  texture?(frame: FrameInfo, lead?: PointOp | null): DirectTexture | null;
  /**
   * Optional: whether source pixel (x, y) shows anything. A picture the size of the canvas that draws
   * only a corner (a lower third, a scoreboard) answers false elsewhere, so clicks in the preview
   * reach the items under it. Absent = the whole rectangle counts.
   */
  hits?(x: number, y: number): boolean;
  /**
   * Optional: this source as an item of a canvas of width × height other than the main one (an
   * extra canvas: a vertical one). A kind whose size is "the canvas" (lower third, scoreboard with
   * width/height 0) answers a view that shares its state but is laid out in that canvas's own
   * pixels and safe area, as the canvas's other items are. Absent = the same picture everywhere.
   */
  onCanvas?(width: number, height: number): SourceView;
  dispose(): void;
}

/** What an item draws on an extra canvas (SourceRuntime.onCanvas): the runtime's picture half. */
export type SourceView = Pick<SourceRuntime, 'width' | 'height' | 'version' | 'render' | 'hits'>;

export interface SourceKind {
  id: string;
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime;
}
