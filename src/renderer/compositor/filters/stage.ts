/**
 * The compositor's filter stage: one FilterChain per input and per scene that has filters. A
 * filtered input is drawn from a picture the stage prepares once per tick, however many items show
 * it: the source renders into its own target only when its version moved (or it has none), then
 * the chain runs over it, re-running only what changed. A scene's filters run over its composed
 * picture. Everything off-screen comes from one TargetPool.
 */
import type { StudioDocument } from '../../../shared';
import type { GlPipeline } from '../gl/pipeline';
import type { Target } from '../gl/target';
import { TargetPool } from '../gl/target-pool';
import type { Draw, FrameInfo, SourceRuntime } from '../sources';
import { FilterChain, nextSerial } from './chain';
import { FilterGl } from './gl';
import type { FilterContext, Tex } from './types';

/** What the compositor draws for an item: a source runtime, or its filtered picture. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly version?: number;
  render(draw: Draw, frame: FrameInfo): void;
}

class FilteredSource implements Picture {
  rt: SourceRuntime | null = null;
  src: Target | null = null;
  /** The runtime version the source target holds; null = never rendered. */
  srcVersion: number | undefined | null = null;
  srcSerial = 0;
  /** The source's own texture, when it fed the chain directly last (see SourceRuntime.texture). */
  direct: WebGLTexture | null = null;
  /** Whether `direct` came with the chain's first filter applied. */
  fused = false;
  /** Whether `out` is opaque everywhere (an opaque source through filters that keep it so). */
  opaque = false;
  out: Tex | null = null;
  serial = 0;
  tick = -1;

  constructor(readonly chain: FilterChain) {}

  get width(): number {
    return this.rt ? this.chain.size(this.rt.width, this.rt.height).width : 0;
  }

  get height(): number {
    return this.rt ? this.chain.size(this.rt.width, this.rt.height).height : 0;
  }

  /** The serial of the output: it changes exactly when the filtered picture does. */
  get version(): number {
    return this.serial;
  }

  render(draw: Draw): void {
    if (this.out) draw.texture(this.out.texture, this.out, this.opaque);
  }
}

interface SceneFilters {
  chain: FilterChain;
}

const UNIT_XF = new Float32Array([2, 0, 0, 0, 2, 0, -1, -1, 1]);
const FULL_UV = new Float32Array([0, 0, 1, 1]);

export class FilterStage {
  readonly pool: TargetPool;
  /** Pass drawing for whoever mixes pictures off-screen (filters here, transitions in the compositor). */
  readonly fx: FilterGl;
  private readonly sources = new Map<string, FilteredSource>();
  private readonly scenes = new Map<string, SceneFilters>();
  private readonly draw: Draw;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    pipe: GlPipeline,
    private readonly ctx: FilterContext,
  ) {
    this.pool = new TargetPool(gl);
    this.fx = new FilterGl(gl, this.pool);
    // The unit quad fills the bound target: a source alone, no transform, no crop.
    this.draw = {
      texture: (t) => pipe.drawTexture(t, UNIT_XF, FULL_UV),
      color: (c) => pipe.drawColor(UNIT_XF, c),
    };
  }

  /** Creates, updates and drops chains to match the document's inputs and scenes. */
  sync(doc: StudioDocument): void {
    const seen = new Set<string>();
    for (const input of doc.inputs) {
      if (input.filters.length === 0) continue;
      seen.add(input.uuid);
      let f = this.sources.get(input.uuid);
      if (!f) {
        f = new FilteredSource(new FilterChain(this.fx, this.ctx, input.name));
        this.sources.set(input.uuid, f);
      }
      f.chain.sync(input.filters);
      // The document changed (settings, order, the source itself): prepare again even within a tick.
      f.tick = -1;
    }
    for (const [uuid, f] of this.sources) {
      if (seen.has(uuid)) continue;
      this.dropSource(f);
      this.sources.delete(uuid);
    }
    seen.clear();
    for (const scene of doc.scenes) {
      if (scene.filters.length === 0) continue;
      seen.add(scene.uuid);
      let s = this.scenes.get(scene.uuid);
      if (!s) {
        s = { chain: new FilterChain(this.fx, this.ctx, scene.name) };
        this.scenes.set(scene.uuid, s);
      }
      s.chain.sync(scene.filters);
    }
    for (const [uuid, s] of this.scenes) {
      if (seen.has(uuid)) continue;
      s.chain.dispose();
      this.scenes.delete(uuid);
    }
  }

  /** The picture to draw for an input: its filtered picture when it has active filters, else rt. */
  picture(uuid: string, rt: SourceRuntime | null | undefined): Picture | null {
    const f = this.sources.get(uuid);
    if (!rt) return null;
    if (!f || !f.chain.active) return rt;
    f.rt = rt;
    return f;
  }

  /** Whether the input's filtered picture changes with time alone (animated filters). */
  animated(uuid: string): boolean {
    const f = this.sources.get(uuid);
    return !!f && f.chain.active && f.chain.animated;
  }

  /** The version of an input's chain (0 without one); see FilterChain.version. */
  sourceVersion(uuid: string): number {
    const f = this.sources.get(uuid);
    return f?.chain.active ? f.chain.version : 0;
  }

  sceneVersion(uuid: string): number {
    const s = this.scenes.get(uuid);
    return s?.chain.active ? s.chain.version : 0;
  }

  /** Whether the scene has filters that change its picture. */
  sceneActive(uuid: string): boolean {
    return this.scenes.get(uuid)?.chain.active ?? false;
  }

  sceneAnimated(uuid: string): boolean {
    const s = this.scenes.get(uuid);
    return !!s && s.chain.active && s.chain.animated;
  }

  /**
   * Makes the filtered pictures of these inputs current for `frame` (once per tick each). Binds
   * other framebuffers (then it answers true): call it before binding the target to draw into.
   */
  prepare(uuids: Iterable<string>, runtime: (uuid: string) => SourceRuntime | null | undefined, frame: FrameInfo): boolean {
    let drew = false;
    for (const uuid of uuids) {
      const f = this.sources.get(uuid);
      if (!f || !f.chain.active || f.tick === frame.index) continue;
      f.tick = frame.index;
      f.rt = runtime(uuid) ?? null;
      this.prepareOne(f, frame);
      drew = true;
    }
    return drew;
  }

  /**
   * Runs the scene's filters over its composed picture in `target` and puts the result back there,
   * at its own size from the top-left, over opaque black when `opaque`. False when it has none.
   * Leaves `target` bound, whole, with premultiplied blending, as it was for drawing items.
   */
  applyScene(sceneUuid: string, target: Target, frame: FrameInfo, opaque: boolean): boolean {
    const s = this.scenes.get(sceneUuid);
    if (!s || !s.chain.active) return false;
    const r = s.chain.run(target, nextSerial(), frame);
    const gl = this.gl;
    if (r?.tex !== target) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
      gl.disable(gl.BLEND);
      gl.clearColor(0, 0, 0, opaque ? 1 : 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      if (r) this.fx.copy(r.tex, target, {}, { viewport: [r.tex.width, r.tex.height], blend: true });
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, target.width, target.height);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    return true;
  }

  dispose(): void {
    for (const f of this.sources.values()) this.dropSource(f);
    this.sources.clear();
    for (const s of this.scenes.values()) s.chain.dispose();
    this.scenes.clear();
    this.fx.dispose();
    this.pool.dispose();
  }

  private prepareOne(f: FilteredSource, frame: FrameInfo): void {
    const rt = f.rt;
    const w = Math.round(rt?.width ?? 0);
    const h = Math.round(rt?.height ?? 0);
    if (!rt || w <= 0 || h <= 0) {
      f.out = null;
      return;
    }
    const gl = this.gl;
    // A source whose picture is one texture of its size feeds the chain as it is, and may run the
    // chain's first filter while making it (then the chain starts after that one).
    const direct = rt.texture?.(frame, f.chain.lead()) ?? null;
    if (direct && rt.version !== undefined) {
      this.pool.release(f.src);
      f.src = null;
      if (f.direct !== direct.texture || rt.version !== f.srcVersion || f.fused !== direct.fused) {
        f.srcVersion = rt.version;
        f.srcSerial = nextSerial();
        f.direct = direct.texture;
        f.fused = direct.fused;
      }
      const r = f.chain.run({ texture: direct.texture, width: w, height: h }, f.srcSerial, frame, direct.fused ? 1 : 0);
      f.out = r?.tex ?? null;
      f.opaque = direct.opaque === true && f.chain.keepsOpaque();
      if (r) f.serial = r.serial;
      return;
    }
    f.direct = null;
    // Drawn over transparent black by a runtime that does not say what its alpha is.
    f.opaque = false;
    if (!f.src || f.src.width !== w || f.src.height !== h) {
      this.pool.release(f.src);
      f.src = this.pool.acquire(w, h);
      f.srcVersion = null;
    }
    // A runtime without a version may change on any tick, so it is redrawn every tick.
    if (rt.version === undefined || rt.version !== f.srcVersion) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, f.src.framebuffer);
      gl.viewport(0, 0, w, h);
      gl.disable(gl.BLEND);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      try {
        rt.render(this.draw, frame);
      } catch (err) {
        this.ctx.warnOnce(`filtered-source:${String(err)}`, `Compositor: a filtered source failed to render (${String(err)}).`, 'notice');
      }
      f.srcVersion = rt.version;
      f.srcSerial = nextSerial();
    }
    const r = f.chain.run(f.src, f.srcSerial, frame);
    f.out = r?.tex ?? null;
    if (r) f.serial = r.serial;
  }

  private dropSource(f: FilteredSource): void {
    f.chain.dispose();
    this.pool.release(f.src);
    f.src = null;
    f.out = null;
  }
}

/**
 * Runs `fn`, then puts back the framebuffer, viewport and blending it found: for work that must
 * happen in the middle of someone else's drawing (a screenshot's subject).
 */
export function preserving(gl: WebGL2RenderingContext, fn: () => void): void {
  const fb = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  const vp = gl.getParameter(gl.VIEWPORT) as Int32Array;
  const blend = gl.isEnabled(gl.BLEND);
  try {
    fn();
  } finally {
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
    gl.viewport(vp[0]!, vp[1]!, vp[2]!, vp[3]!);
    if (blend) gl.enable(gl.BLEND);
    else gl.disable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  }
}
