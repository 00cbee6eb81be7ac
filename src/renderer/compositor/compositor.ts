/**
 * The compositor: a WebGL2 context on the preview canvas, a frame clock of its own, and a snapshot
 * of the studio document it reads on each tick. Per tick it
 *   1. hands finished NV12 readbacks from earlier ticks to the bridge (never waits for the GPU),
 *   2. draws the current scene into the program target (items bottom→top, premultiplied alpha),
 *   3. shows program on the canvas,
 *   4. while output owner and the engine has room, packs program to NV12 and queues its readback.
 * React creates it, feeds it documents and ownership, and disposes it.
 */
import {
  FRAME_HEADER_BYTES,
  FrameKind,
  VideoFormat,
  nv12Bytes,
  writeFrameHeader,
  transitionInto,
  MAX_NESTING,
  RENDERER_WARNING_MAX_CHARS,
  RENDERER_WARNING_REPEAT_MS,
  RepeatGate,
  STINGER_TRANSITION,
  shownSources,
  stingerPointMs,
  type EventMap,
  type Scene,
  type Settings,
  type Transform,
  type StudioDocument,
  type Canvas,
  MAIN_CANVAS,
} from '../../shared';
import { AudioSender, LevelReporter, Mixer, createAudioGraph, type AudioGraph } from '../audio';
import type { Compositor, CompositorAudio, CompositorOptions, CompositorStats } from './api';
import { Capturer, type CaptureSubject } from './capture';
import { FrameClock, browserTimers, type Tick } from './clock';
import { FilterStage, preserving, registerBuiltinFilters, type Picture } from './filters';
import { FlowWindow } from './flow';
import { canvasTransitionTo, transitionKind } from './transitions/mixes';
import { TransitionAssets } from './transitions/assets';
import { GlPipeline } from './gl/pipeline';
import { applyBlend } from './gl/blend';
import type { Target } from './gl/target';
import { RateMeter } from './meter';
import { nv12SizeProblem } from './nv12';
import { FramePool } from './pool';
import {
  registerBuiltinSources,
  sourceKind,
  type Draw,
  type FrameInfo,
  type SourceAudioPort,
  type SourceContext,
  type SourceRuntime,
} from './sources';
import { MediaLink } from './sources/media-link';
import { BrowserLink } from './sources/browser-link';
import { CaptureDelay } from './sources/capture-delay';
import { clipMatrix, containsPoint, copyRect, croppedSize, itemBounds, itemMatrix, itemPoint, pixelExact, withBoundsCrop } from './transform';
import { WatermarkOverlay } from './overlay/watermark';
import { NestedScenes } from './nested';
import { CanvasOutputs, type CanvasTransition } from './canvas-output';
import { isSoftwareRenderer } from './gl/renderer-name';

/** Frames that may await the engine's ack (OBS-like back-pressure; see FlowWindow). */
const MAX_UNACKED = 3;
/** Preview rate while a software renderer also produces program output (see previewDue). */
const PREVIEW_FPS_SOFTWARE = 15;

interface Live {
  kind: string;
  /** JSON of the settings the runtime last saw; documents arrive as new objects every time. */
  key: string;
  rt: SourceRuntime | null;
  /** Whether the runtime was last told it is on program (SourceRuntime.setActive). */
  active: boolean;
}

const CONTEXT_ATTRS: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: true,
  preserveDrawingBuffer: false,
  powerPreference: 'high-performance',
};

export class StudioCompositor implements Compositor {
  private readonly bridge: CompositorOptions['bridge'];
  private readonly canvas: HTMLCanvasElement;
  private readonly gl: WebGL2RenderingContext | null;
  private pipe: GlPipeline | null = null;
  /** Video filters of inputs and scenes (filters/stage.ts); lives and dies with the GL pipeline. */
  private filters: FilterStage | null = null;
  private doc: StudioDocument | null = null;
  private readonly live = new Map<string, Live>();
  /** The program watermark (overlay/watermark.ts): drawn after every scene's items; made with the sources. */
  private overlay: WatermarkOverlay | null = null;
  private readonly clock: FrameClock;
  private readonly flow = new FlowWindow(MAX_UNACKED);
  private readonly pool = new FramePool();
  private readonly meter = new RateMeter(performance.now());
  /** Problems told lately: each again after a minute, so one that comes back later is heard. */
  private readonly warned = new RepeatGate(RENDERER_WARNING_REPEAT_MS, 500);
  private readonly offAck: () => void;
  /** Output starts (stream, recording) make the next tick send a whole frame (see offOutputs). */
  private readonly offOutputs: () => void;
  private readonly statsTimer: ReturnType<typeof setInterval>;
  private readonly audio: AudioGraph | null = null;
  private readonly audioSender: AudioSender | null = null;
  /** One channel strip per input with sound, summed on the graph's master bus. */
  private readonly mixer: Mixer | null = null;
  /** Sends the strips' meters to the engine (obs-websocket's InputVolumeMeters). */
  private readonly levels: LevelReporter | null = null;
  private readonly capturer: Capturer;
  private readonly srcCtx: SourceContext;
  /** Media controls in, player status and capture devices out (sources/media-link.ts). */
  private readonly mediaLink: MediaLink;
  /** Browser sources' pictures from the engine (sources/browser-link.ts). */
  private readonly browserLink: BrowserLink;
  private readonly xf = new Float32Array(9);
  private readonly uv = new Float32Array(4);
  /** While an item that lays its source's pixels 1:1 on the target (pixelExact) is drawn: that source's size; else 0 (numbers, not an object: this runs per item per frame). */
  private exactW = 0;
  private exactH = 0;
  /** While such an item with the normal blend is drawn: an opaque picture of it is copied, by `copy` (copyRect). */
  private copyable = false;
  private readonly copy = new Int32Array(8);
  /**
   * While a screenshot of another size than the canvas is drawn: its viewport scales the whole
   * picture, so no item is laid pixel for pixel (and a copy, which ignores the viewport, would land
   * wrong). Every other drawing's viewport is the canvas's own pixels.
   */
  private scaledView = false;
  /** The item being drawn was copied; the sources whose copying the log has told. */
  private copied = false;
  private readonly copiedTold = new Set<string>();
  private readonly frame: FrameInfo = { index: 0, wallMs: 0 };
  private readonly draw: Draw;
  /** Nested scenes and groups, composed before the items that show them (nested.ts). */
  private readonly nested: NestedScenes;
  /** Extra canvases' program output (canvas-output.ts); lives and dies with the GL pipeline. */
  private canvasOut: CanvasOutputs | null = null;
  private owner = false;
  private ownerOrigin = 0;
  private packProblem: string | null = null;
  private lost = false;
  private disposed = false;
  private width = 0;
  private height = 0;
  private renderLagged = 0;
  private sendSkipped = 0;
  private framesSent = 0;
  private glRenderer = 'unavailable';
  private softwareGl = false;
  private lastPresent = -Infinity;
  /** Show program on the canvas (CompositorOptions.present). */
  private readonly showPreview: boolean;
  /** Bumped for every document snapshot and every GL pipeline: parts of programKey. */
  private docSerial = 0;
  private pipeSerial = 0;
  /** What program's picture depended on this tick, and when the program target was last drawn. */
  private readonly keyNow: number[] = [];
  private readonly keyDrawn: number[] = [];
  /** The program target holds the picture for keyDrawn (false: draw on the next tick). */
  private drawn = false;
  /** That picture was also packed for the engine, and shown on the canvas. */
  private packed = false;
  private presented = false;
  private unchanged = 0;
  /** The canvas showed the preview scene last tick (studio mode); program is presented again after. */
  private previewWasShown = false;
  /** The canvas being edited on the page (showCanvas): the main one, or an extra one at its own size. */
  private shownCanvasId = MAIN_CANVAS;
  /** Tick of the last whole frame packed: one goes out at least every second even when unchanged. */
  private lastWhole = -Infinity;
  /** Sequences of the newest frame packed and the newest sent; repeats wait for packed frames. */
  private lastPacked = -1;
  private lastSent = -1;
  private readonly repeats: { sequence: number; after: number; captureMs: number }[] = [];
  /** The program scene last seen in a document; a change starts the current transition. */
  private programScene = '';
  /** The scene transition program is running, timed on this page's clock. */
  private transition: { from: string; to: string; kind: string; settings: Settings; durationMs: number; start: number } | null = null;
  /** The T-bar's transition (transition.manual from the engine), held at `position` until released. */
  private manual: { from: string; to: string; kind: string; settings: Settings; position: number } | null = null;
  /** Pictures transitions draw with (luma images), loaded ahead when a document names them. */
  private transitionAssets: TransitionAssets | null = null;
  /** The engine's latest transition.started: a stinger lasts what the engine measured of its video. */
  private announced: EventMap['transition.started'] | null = null;
  private readonly repeatMessage = new ArrayBuffer(FRAME_HEADER_BYTES);
  private readonly repeatHeader = new DataView(this.repeatMessage);

  constructor(opts: CompositorOptions) {
    registerBuiltinSources();
    registerBuiltinFilters();
    this.bridge = opts.bridge;
    this.showPreview = opts.present ?? true;
    this.mediaLink = new MediaLink(this.bridge);
    this.browserLink = new BrowserLink(this.bridge);
    this.canvas = opts.canvas;
    this.gl = this.canvas.getContext('webgl2', CONTEXT_ATTRS);
    if (!this.gl) console.warn('Compositor: WebGL2 is not available here, so there is no preview and no program output.');
    const gl = this.gl;
    this.srcCtx = {
      get gl() {
        if (!gl) throw new Error('no GL context');
        return gl;
      },
      baseWidth: () => this.width,
      baseHeight: () => this.height,
      placeholder: () => {
        if (!this.pipe) throw new Error('no GL pipeline');
        return this.pipe.placeholder();
      },
      mediaUrl: (p) => this.bridge.mediaUrl(p),
      warnOnce: (k, m, reach) => this.warnOnce(k, m, reach),
      media: this.mediaLink,
      browser: this.browserLink,
      // Each source gets its own port, to its own channel strip (see sourceContext).
      audio: null,
      captureDelay: new CaptureDelay(performance.now()),
    };
    this.draw = {
      texture: (t, size, opaque) => {
        const exact = size !== undefined && this.exactW > 0 && size.width === this.exactW && size.height === this.exactH;
        if (exact && opaque === true && this.copyable && this.pipe) {
          this.pipe.copyTexture(t, this.copy);
          this.copied = true;
        } else this.pipe?.drawTexture(t, this.xf, this.uv, exact);
      },
      color: (c) => this.pipe?.drawColor(this.xf, c),
    };
    this.nested = new NestedScenes({
      get gl() {
        if (!gl) throw new Error('no GL context');
        return gl;
      },
      doc: () => this.doc,
      pool: () => this.filters?.pool ?? null,
      width: () => this.width,
      height: () => this.height,
      prepareInputs: (scene) => this.filters?.prepare(this.itemSources(scene), (u) => this.live.get(u)?.rt, this.frame),
      drawItems: (scene) => this.drawItems(scene),
      applySceneFilters: (scene, t) => this.filters?.applyScene(scene.uuid, t, this.frame, false),
      picture: (uuid) => this.picture(uuid),
    });
    this.canvas.addEventListener('webglcontextlost', this.onLost);
    this.canvas.addEventListener('webglcontextrestored', this.onRestored);
    this.initGl();
    this.offAck = this.bridge.onFrameAck((seq) => this.flow.ack(seq));
    // An output that starts has no frame to repeat yet: send it a whole one, not "unchanged".
    this.offOutputs = this.bridge.subscribe((event) => {
      if (event.type === 'stream.state' || event.type === 'record.state') this.packed = false;
      if (event.type === 'transition.manual') this.onManual(event.data);
      if (event.type === 'transition.started') this.announced = event.data;
    });
    this.capturer = new Capturer(this.bridge, {
      gl: () => (this.pipe && !this.lost && gl && !gl.isContextLost() ? gl : null),
      subject: (uuid) => this.captureSubject(uuid),
    });
    if (opts.audio ?? true) {
      try {
        this.audio = createAudioGraph();
        this.audioSender = new AudioSender(this.bridge, this.audio);
        const mixer = new Mixer(this.audio.context, this.audio.master, undefined, this.audio.tracks);
        this.mixer = mixer;
        this.levels = new LevelReporter(this.bridge, () => mixer.levels(), undefined, (kept) => mixer.setMonitoring(kept));
      } catch (err) {
        console.warn('Compositor: audio is unavailable; frames are sent without sound.', err);
      }
    }
    this.clock = new FrameClock(opts.timers ?? browserTimers, this.onTick);
    this.clock.start();
    this.statsTimer = setInterval(this.report, 1000);
  }

  // ---- public API -----------------------------------------------------------------------------

  setDocument(document: StudioDocument): void {
    if (this.disposed) return;
    this.doc = document;
    this.docSerial++;
    this.startTransition(document);
    this.transitionAssets?.prepare(document);
    this.canvasOut?.setDocument(document);
    const v = document.video;
    this.clock.setRate(v.fpsNumerator, v.fpsDenominator);
    this.applySize(v.baseWidth, v.baseHeight);
    // Strips first, so a source that attaches its sound finds the input's mixer state.
    this.mixer?.sync(document);
    this.syncSources();
  }

  setOutputOwner(owner: boolean): void {
    if (this.disposed || owner === this.owner) return;
    this.owner = owner;
    this.flow.reset();
    this.pipe?.clearReadbacks();
    this.canvasOut?.reset();
    this.resetSent();
    if (owner) {
      // Sequences count ticks from here, as audio counts samples from here (same origin).
      this.ownerOrigin = this.clock.nextIndex;
      this.framesSent = 0;
      this.renderLagged = 0;
      this.sendSkipped = 0;
      this.unchanged = 0;
      if (this.packProblem) this.warnOnce(`pack:${this.packProblem}`, `Compositor: ${this.packProblem}`, 'notice');
    }
    this.audioSender?.setOwner(owner);
  }

  showCanvas(id: string): void {
    if (this.disposed || id === this.shownCanvasId) return;
    this.shownCanvasId = id;
    // Program is presented again when the main canvas comes back.
    this.presented = false;
  }

  stats(): CompositorStats {
    return {
      renderLagged: this.renderLagged,
      renderMs: round2(this.meter.renderMs),
      sendSkipped: this.sendSkipped,
      glRenderer: this.glRenderer,
      fps: round2(this.meter.fps),
      framesSent: this.framesSent,
      unchanged: this.unchanged,
    };
  }

  hitTest(x: number, y: number): number | null {
    return this.hitTestAll(x, y)[0] ?? null;
  }

  hitTestAll(x: number, y: number): number[] {
    const scene = this.shownScene();
    const hits: number[] = [];
    if (!scene) return hits;
    for (let i = scene.items.length - 1; i >= 0; i--) {
      const item = scene.items[i];
      if (!item || !item.enabled) continue;
      const rt = this.shownPicture(item.sourceUuid);
      const t = rt && withBoundsCrop(item.transform, rt.width, rt.height);
      if (rt && t && containsPoint(t, rt.width, rt.height, x, y) && hitsAt(rt, t, x, y)) hits.push(item.sceneItemId);
    }
    return hits;
  }

  itemSize(sceneItemId: number): { width: number; height: number } | null {
    const item = this.shownScene()?.items.find((i) => i.sceneItemId === sceneItemId);
    const rt = item && this.shownPicture(item.sourceUuid);
    return rt ? { width: rt.width, height: rt.height } : null;
  }

  itemBounds(sceneItemId: number): { x: number; y: number; width: number; height: number } | null {
    const item = this.shownScene()?.items.find((i) => i.sceneItemId === sceneItemId);
    const rt = item && this.shownPicture(item.sourceUuid);
    if (!item || !rt) return null;
    return itemBounds(withBoundsCrop(item.transform, rt.width, rt.height), rt.width, rt.height);
  }

  /** The audio graph (master bus for future sources), or null when audio is off or unavailable. */
  get audioGraph(): AudioGraph | null {
    return this.audio;
  }

  /** The mixer's live side for the Audio Mixer dock, or null when audio is off or unavailable. */
  get audioMixer(): CompositorAudio | null {
    return this.mixer;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clock.stop();
    clearInterval(this.statsTimer);
    this.offAck();
    this.offOutputs();
    this.capturer.dispose();
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    this.dropSources();
    this.mediaLink.dispose();
    this.browserLink.dispose();
    this.filters?.dispose();
    this.filters = null;
    this.transitionAssets?.dispose();
    this.transitionAssets = null;
    this.canvasOut?.dispose();
    this.canvasOut = null;
    this.pipe?.dispose();
    this.pipe = null;
    this.audioSender?.dispose();
    this.levels?.dispose();
    this.mixer?.dispose();
    this.audio?.dispose();
  }

  // ---- GL lifetime ----------------------------------------------------------------------------

  private initGl(): void {
    if (!this.gl || this.gl.isContextLost()) return;
    try {
      this.pipe = new GlPipeline(this.gl);
      this.pipeSerial++;
      this.resetSent();
      this.filters = new FilterStage(this.gl, this.pipe, {
        gl: this.gl,
        baseWidth: () => this.width,
        baseHeight: () => this.height,
        fps: () => (this.doc ? this.doc.video.fpsNumerator / this.doc.video.fpsDenominator : 30),
        mediaUrl: (p) => this.bridge.mediaUrl(p),
        warnOnce: (k, m, reach) => this.warnOnce(k, m, reach),
      });
      this.transitionAssets = new TransitionAssets(
        this.gl,
        (p) => this.bridge.mediaUrl(p),
        (k, m, reach) => this.warnOnce(k, m, reach),
        () => this.audio ?? null,
        () => this.audioSender?.renderLead ?? null,
      );
      if (this.doc) this.transitionAssets.prepare(this.doc);
      this.canvasOut = new CanvasOutputs(this.gl, this.bridge, {
        compose: this.composeCanvas,
        mix: this.mixCanvas,
        transitionTo: canvasTransitionTo,
        key: this.canvasKey,
        warnOnce: (k, m, reach) => this.warnOnce(k, m, reach),
      });
      if (this.doc) this.canvasOut.setDocument(this.doc);
      this.glRenderer = this.pipe.renderer;
      this.softwareGl = isSoftwareRenderer(this.glRenderer);
    } catch (err) {
      this.pipe = null;
      console.error('Compositor: GL setup failed.', err);
      return;
    }
    if (this.width > 0) this.pipe.resize(this.width, this.height, this.packProblem === null);
  }

  private readonly onLost = (e: Event): void => {
    // preventDefault tells the browser we will rebuild, so it may restore the context.
    e.preventDefault();
    this.lost = true;
    this.pipe = null;
    // Its GL objects died with the context; a new stage is made when it is restored.
    this.filters = null;
    this.transitionAssets = null;
    this.nested.forget();
    this.canvasOut?.forget();
    this.canvasOut = null;
    this.flow.reset();
    this.resetSent();
    this.dropSources();
    console.warn('Compositor: the GL context was lost; waiting for it to be restored.');
  };

  private readonly onRestored = (): void => {
    this.lost = false;
    this.initGl();
    this.syncSources();
  };

  // ---- document -------------------------------------------------------------------------------

  private applySize(w: number, h: number): void {
    if (!(w > 0 && h > 0)) return;
    const problem = nv12SizeProblem(w, h);
    if (w === this.width && h === this.height && problem === this.packProblem) return;
    this.width = w;
    this.height = h;
    this.packProblem = problem;
    if (problem) this.warnOnce(`pack:${problem}`, `Compositor: ${problem}`, 'notice');
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    this.pool.resize(nv12Bytes(w, h));
    this.flow.reset();
    this.resetSent();
    if (this.pipe && !this.lost) {
      try {
        this.pipe.resize(w, h, problem === null);
      } catch (err) {
        console.error('Compositor: could not allocate render targets.', err);
      }
    }
  }

  private syncSources(): void {
    const doc = this.doc;
    if (!doc || !this.pipe || this.lost) return;
    const seen = new Set<string>();
    for (const input of doc.inputs) {
      seen.add(input.uuid);
      const key = JSON.stringify(input.settings);
      const cur = this.live.get(input.uuid);
      if (cur && cur.kind === input.kind) {
        if (cur.key !== key) {
          cur.key = key;
          cur.rt?.update(input.settings);
        }
        continue;
      }
      cur?.rt?.dispose();
      const kind = sourceKind(input.kind);
      if (!kind) this.warnOnce(`kind:${input.kind}`, `Compositor: no renderer for source kind "${input.kind}"; its items are not drawn.`, 'notice');
      let rt: SourceRuntime | null = null;
      try {
        rt = kind ? kind.create(input.settings, this.sourceContext(input.uuid), { uuid: input.uuid, name: input.name }) : null;
      } catch (err) {
        console.error(`Compositor: source "${input.name}" (${input.kind}) failed to start.`, err);
      }
      this.live.set(input.uuid, { kind: input.kind, key, rt, active: false });
    }
    for (const [uuid, l] of this.live) {
      if (seen.has(uuid)) continue;
      l.rt?.dispose();
      this.live.delete(uuid);
    }
    (this.overlay ??= new WatermarkOverlay(this.srcCtx)).update(doc.watermark);
    this.filters?.sync(doc);
    this.syncActive();
  }

  /**
   * Tells runtimes when their source enters or leaves program (libobs's activate/deactivate), from
   * the document rather than from draw calls, so a stalled tick never reads as "left program".
   */
  private syncActive(): void {
    // Inputs in nested scenes and groups of the program scene are on program too.
    const onProgram = this.doc ? shownSources(this.doc, this.doc.currentSceneUuid) : new Set<string>();
    for (const [uuid, l] of this.live) {
      const active = onProgram.has(uuid);
      if (active === l.active) continue;
      l.active = active;
      try {
        l.rt?.setActive?.(active);
      } catch (err) {
        this.warnOnce(`active:${uuid}`, `Compositor: a source failed to ${active ? 'activate' : 'deactivate'} (${String(err)}).`, 'notice');
      }
    }
  }

  /** The shared source context, with the input's own audio port (its channel strip in the mixer). */
  private sourceContext(inputUuid: string): SourceContext {
    const port = this.mixer?.port(inputUuid) ?? null;
    const sender = this.audioSender;
    const audio: SourceAudioPort | null = port && sender ? { ...port, heardAt: (ms) => sender.contextTimeHeardAt(ms), renderLead: () => sender.renderLead } : port;
    return Object.create(this.srcCtx, { audio: { value: audio, enumerable: true } }) as SourceContext;
  }

  private dropSources(): void {
    this.overlay?.dispose();
    this.overlay = null;
    for (const l of this.live.values()) l.rt?.dispose();
    this.live.clear();
  }

  private scene(): Scene | undefined {
    const doc = this.doc;
    return doc?.scenes.find((s) => s.uuid === doc.currentSceneUuid);
  }

  /**
   * The scene the canvas shows: an extra canvas's program scene while that canvas is edited, the
   * preview scene in studio mode (where edits go), else program.
   */
  private shownScene(): Scene | undefined {
    const doc = this.doc;
    const extra = this.shownExtraCanvas();
    if (extra) return doc?.scenes.find((s) => s.uuid === extra.programSceneUuid);
    if (!doc?.studioMode || !this.showPreview) return this.scene();
    return doc.scenes.find((s) => s.uuid === doc.previewSceneUuid) ?? this.scene();
  }

  /** The extra canvas edited on this page, while it exists and is on. */
  private shownExtraCanvas(): Canvas | undefined {
    if (this.shownCanvasId === MAIN_CANVAS || !this.showPreview) return undefined;
    return this.doc?.canvases?.find((c) => c.id === this.shownCanvasId && c.enabled);
  }

  /**
   * An extra canvas edited on this page: the canvas shows its program scene composed at its own
   * size, as the canvas's output has it (scene filters, watermark), whether or not it is encoding.
   */
  private presentExtraCanvas(pipe: GlPipeline): boolean {
    const canvas = this.shownExtraCanvas();
    const filters = this.filters;
    if (!canvas || !filters) return false;
    if (!this.previewDue(performance.now())) return true;
    const scene = this.doc?.scenes.find((s) => s.uuid === canvas.programSceneUuid) ?? null;
    this.presentComposed(pipe, filters, canvas.width, canvas.height, (t) => this.composeCanvas(scene, t));
    return true;
  }

  /**
   * Studio mode on a visible page: the canvas shows the preview scene, composed in its own target
   * (program keeps going to the engine as before). Nothing to do when preview is program.
   */
  private presentPreview(pipe: GlPipeline): boolean {
    const doc = this.doc;
    const filters = this.filters;
    if (!doc?.studioMode || !this.showPreview || !filters || doc.previewSceneUuid === doc.currentSceneUuid) return false;
    const scene = doc.scenes.find((s) => s.uuid === doc.previewSceneUuid);
    if (!scene) return false;
    if (!this.previewDue(performance.now())) return true;
    this.presentComposed(pipe, filters, this.width, this.height, (t) => this.composeInto(scene, t));
    return true;
  }

  /** Composes a picture other than program into a pooled target of its size and shows it on the canvas. */
  private presentComposed(pipe: GlPipeline, filters: FilterStage, width: number, height: number, compose: (t: Target) => void): void {
    const t = filters.pool.acquire(width, height);
    try {
      compose(t);
      pipe.present(t);
    } finally {
      filters.pool.release(t);
    }
  }

  /**
   * What an item of this input draws on a canvas of width × height: its filtered picture, or the
   * source itself (or a nested scene's picture). On an extra canvas, a source sized as "the canvas"
   * is laid out for that canvas (SourceRuntime.onCanvas); a filtered picture stays the main one's.
   */
  private picture(uuid: string, width = this.width, height = this.height): Picture | null {
    const rt = this.live.get(uuid)?.rt;
    if (!rt) return this.nested.picture(uuid);
    const p = this.filters ? this.filters.picture(uuid, rt) : rt;
    return p === rt && rt.onCanvas && (width !== this.width || height !== this.height) ? rt.onCanvas(width, height) : p;
  }

  /** What an item of the shown scene draws, at the size of the canvas edited on this page. */
  private shownPicture(uuid: string): Picture | null {
    const extra = this.shownExtraCanvas();
    return extra ? this.picture(uuid, extra.width, extra.height) : this.picture(uuid);
  }

  /** The sources of a scene's enabled items. */
  private itemSources(scene: Scene): string[] {
    return scene.items.filter((i) => i.enabled).map((i) => i.sourceUuid);
  }

  /**
   * Makes the filtered pictures the scene's items show current for this tick; true when that drew
   * off-screen (other targets were bound).
   */
  private prepareScene(scene: Scene): boolean {
    if (!this.filters) return false;
    // Nested scenes and groups first: each is composed into its own target (nested.ts).
    const nested = this.nested.prepare(scene);
    return this.filters.prepare(this.itemSources(scene), (uuid) => this.live.get(uuid)?.rt, this.frame) || nested;
  }

  // ---- per tick -------------------------------------------------------------------------------

  private readonly onTick = (tick: Tick): void => {
    const t0 = performance.now();
    this.renderLagged += tick.missed;
    const pipe = this.pipe;
    if (!pipe || this.lost || this.width === 0 || this.gl?.isContextLost()) return;
    // The frame moves on even when program is not redrawn: screenshots and animated filters read it.
    this.frame.index = tick.index;
    this.frame.wallMs = performance.timeOrigin + tick.dueMs;
    // In studio mode the canvas shows preview; program's own picture is then never presented.
    const previewShown = this.presentExtraCanvas(pipe) || this.presentPreview(pipe);
    if (previewShown) this.presented = true;
    else if (this.previewWasShown) this.presented = false;
    this.previewWasShown = previewShown;
    // Extra canvases (vertical…) compose and send their own program with the sources drawn this tick.
    if (this.owner && this.canvasOut) this.canvasOut.tick(tick.index - this.ownerOrigin, t0);
    // Nothing on program changed since the picture in the program target was drawn: no compose.
    const stable = this.programKey();
    const same = stable && this.drawn && sameKey(this.keyNow, this.keyDrawn);
    let pack = false;
    if (this.owner && pipe.canPack) {
      pipe.pollReadbacks(this.deliver);
      if (!this.flow.hasRoom(t0)) {
        // The engine has not taken the frames in flight: OBS's "skipped" (encoder back-pressure).
        this.sendSkipped++;
        // A picture composed now could only be presented: without a preview to show (server mode's
        // program-only page) or before it is due, the GPU keeps its time for frames the engine will
        // take. Composing anyway spent two of every three filter runs of the peer benchmark's 1080p
        // clip on pictures nobody saw, on a GPU that was the limit.
        if (!this.previewWanted(t0)) return;
      } else if (same && this.packed && tick.index - this.lastWhole < this.refreshTicks()) {
        // The engine already has this picture: tell it so instead of packing and reading it back.
        this.sendRepeat(tick.index - this.ownerOrigin, t0);
        this.unchanged++;
        return;
      } else if (this.flow.size + pipe.pendingReadbacks >= MAX_UNACKED) {
        // The GPU is still busy with earlier frames. Adding work would only deepen its backlog,
        // so this tick is lagged, as a render thread waiting on the GPU would be.
        this.renderLagged++;
        return;
      } else {
        pack = true;
      }
    }
    if (same) {
      if (!pack) this.unchanged++;
    } else {
      this.compose(pipe, tick);
      this.drawn = stable;
      this.packed = false;
      this.presented = false;
      if (stable) copyKey(this.keyNow, this.keyDrawn);
    }
    if (!this.presented && this.previewDue(t0)) {
      pipe.present();
      this.presented = this.drawn;
    }
    if (pack) {
      const sequence = tick.index - this.ownerOrigin;
      if (pipe.packFrame(sequence, t0)) {
        this.lastPacked = sequence;
        this.lastWhole = tick.index;
        this.packed = this.drawn;
      } else {
        this.renderLagged++;
      }
    }
    if (!same) this.meter.frame(performance.now() - t0);
  };

  /**
   * Fills keyNow with everything program's picture depends on: the document snapshot, the GL
   * pipeline, the canvas size, the watermark, and each shown source's version (and its filters').
   * False when something shown changes on every tick (no version, animated filters): draw then.
   */
  private programKey(): boolean {
    const k = this.keyNow;
    k.length = 0;
    k.push(this.docSerial, this.pipeSerial, this.width, this.height, this.overlay?.version ?? -1);
    // A running transition changes the picture on every tick (a held T-bar: whenever it moves).
    if (this.transition || this.manual) return false;
    const scene = this.scene();
    if (!scene) return true;
    const f = this.filters;
    if (f) {
      if (f.sceneAnimated(scene.uuid)) return false;
      k.push(f.sceneVersion(scene.uuid));
    }
    return this.keyItems(scene, 0);
  }

  /** programKey's part for a scene's shown items, nested scenes and groups followed (MAX_NESTING deep). */
  private keyItems(scene: Scene, depth: number, k: number[] = this.keyNow): boolean {
    const f = this.filters;
    for (const item of scene.items) {
      if (!item.enabled) continue;
      const rt = this.live.get(item.sourceUuid)?.rt;
      if (!rt) {
        const nested = depth < MAX_NESTING ? this.doc?.scenes.find((s) => s.uuid === item.sourceUuid) : undefined;
        if (!nested) continue;
        if (f) {
          if (f.sceneAnimated(nested.uuid)) return false;
          k.push(f.sceneVersion(nested.uuid));
        }
        if (!this.keyItems(nested, depth + 1, k)) return false;
        continue;
      }
      const v = rt.version;
      if (v === undefined) return false;
      k.push(v);
      if (f) {
        if (f.animated(item.sourceUuid)) return false;
        k.push(f.sourceVersion(item.sourceUuid));
      }
    }
    return true;
  }

  /**
   * Ticks between whole frames while nothing changes (one second): an encoder started between the
   * stream.state event and its first tick still gets a picture within a second, never black.
   */
  private refreshTicks(): number {
    const v = this.doc?.video;
    return v ? Math.max(1, Math.round(v.fpsNumerator / v.fpsDenominator)) : 30;
  }

  /**
   * Tells the engine this tick's picture is the previous one (VideoFormat.Repeat). Frames still in
   * readback go first: a repeat waits until the newest packed frame has been sent.
   */
  private sendRepeat(sequence: number, captureMs: number): void {
    if (this.lastSent >= this.lastPacked) this.emitRepeat(sequence, captureMs);
    else this.repeats.push({ sequence, after: this.lastPacked, captureMs });
  }

  /** captureMs: the tick's time (the stamp the engine pairs with the sound's; see engine/output/av-sync.ts). */
  private emitRepeat(sequence: number, captureMs: number): void {
    writeFrameHeader(this.repeatHeader, {
      kind: FrameKind.Video,
      format: VideoFormat.Repeat,
      width: this.width,
      height: this.height,
      sequence,
      captureMs,
    });
    // Both bridges copy a message before sendFrame returns, so one buffer serves every repeat.
    this.bridge.sendFrame(this.repeatMessage);
    this.flow.sent(sequence, performance.now());
  }

  /** Forgets what the engine was sent (ownership, size or context changed): the next tick draws and packs. */
  private resetSent(): void {
    this.repeats.length = 0;
    this.lastPacked = -1;
    this.lastSent = -1;
    this.packed = false;
    this.drawn = false;
  }

  /**
   * Whether to show this tick on the canvas. A software GL (SwiftShader) pays for every presented
   * canvas frame again in the browser's own compositing, so while it also produces program output
   * the preview is held to PREVIEW_FPS_SOFTWARE; nobody sees a hidden page's preview at all.
   */
  private previewDue(now: number): boolean {
    if (!this.previewWanted(now)) return false;
    if (this.owner && this.softwareGl) this.lastPresent = now;
    return true;
  }

  /** Whether the page's canvas would show program on this tick (previewDue without taking the turn). */
  private previewWanted(now: number): boolean {
    if (!this.showPreview) return false;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return false;
    if (!(this.owner && this.softwareGl)) return true;
    return now - this.lastPresent >= 1000 / PREVIEW_FPS_SOFTWARE - 2;
  }

  private compose(pipe: GlPipeline, tick: Tick): void {
    pipe.beginProgram();
    const scene = this.scene();
    if (!scene) return;
    this.frame.index = tick.index;
    this.frame.wallMs = performance.timeOrigin + tick.dueMs;
    const target = pipe.programTarget;
    if (!(target && this.composeTransition(target))) {
      // Filtered sources render off-screen first; then program is bound again for the items.
      if (this.prepareScene(scene)) pipe.beginProgram();
      this.drawItems(scene);
      if (target) this.filters?.applyScene(scene.uuid, target, this.frame, true);
    }
    this.overlay?.draw(this.draw, this.xf, this.uv, this.width, this.height);
  }

  /**
   * A new program scene starts the document's current transition from the one before (a cut, a
   * kind without a GPU mix, or the first document just switch). Timed on this page's clock, with
   * the duration the engine's transition clock uses too.
   */
  private startTransition(doc: StudioDocument): void {
    const to = doc.currentSceneUuid;
    const from = this.programScene;
    this.programScene = to;
    if (!from || from === to) return;
    const held = this.manual;
    this.manual = null;
    // The T-bar's take: its picture already reached the new scene, so no timed transition follows.
    if (held && held.to === to) {
      this.transition = null;
      return;
    }
    const t = transitionInto(doc, to);
    if (this.transition) transitionKind(this.transition.kind)?.stop?.(this.transitionAssets);
    const kind = transitionKind(t.kind);
    const exists = doc.scenes.some((s) => s.uuid === from);
    // A stinger lasts as long as its video (start plays it); the others as long as the document says.
    const announced = this.announced?.toSceneUuid === to && this.announced.kind === t.kind ? this.announced.durationMs : null;
    const durationMs = kind?.start && exists ? kind.start(t.settings, this.transitionAssets, this.fps(), announced) : t.durationMs;
    const mixable = kind !== undefined && durationMs > 0 && exists;
    this.transition = mixable ? { from, to, kind: t.kind, settings: t.settings, durationMs, start: performance.now() } : null;
    // A stinger fades the two scenes' sound as its audio_fade_style says; other switches cut it.
    const style = t.settings['audio_fade_style'];
    const stinger = mixable && t.kind === STINGER_TRANSITION.id;
    this.mixer?.stinger(
      stinger ? { doc, fromScene: from, durationMs, pointMs: stingerPointMs(t.settings, this.fps()), style: typeof style === 'number' ? style : 0 } : null,
    );
  }

  /**
   * While a transition runs: both scenes composed off-screen, mixed into `target` at the current
   * progress. False when none runs (it ended, or the scenes are gone).
   */
  private composeTransition(target: Target): boolean {
    const tr = this.manual ?? this.transition;
    const doc = this.doc;
    const filters = this.filters;
    if (!tr || !doc || !filters) return false;
    const t = 'position' in tr ? tr.position : (performance.now() - tr.start) / tr.durationMs;
    const from = doc.scenes.find((s) => s.uuid === tr.from);
    const to = doc.scenes.find((s) => s.uuid === tr.to);
    const kind = transitionKind(tr.kind);
    if (!from || !to || !kind) {
      this.manual = null;
      this.transition = null;
      return false;
    }
    const timed = tr === this.transition ? this.transition : null;
    if (timed && (kind.finished ? kind.finished(timed.settings, this.transitionAssets, timed.durationMs) : t >= 1)) {
      kind.stop?.(this.transitionAssets);
      this.transition = null;
      return false;
    }
    const a = filters.pool.acquire(this.width, this.height);
    const b = filters.pool.acquire(this.width, this.height);
    try {
      this.composeInto(from, a);
      this.composeInto(to, b);
      kind.mix(filters.fx, a, b, target, Math.max(0, t), tr.settings, this.transitionAssets, this.fps());
    } finally {
      filters.pool.release(a);
      filters.pool.release(b);
    }
    const gl = this.gl!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, this.width, this.height);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    return true;
  }

  private fps(): number {
    const v = this.doc?.video;
    return v ? v.fpsNumerator / v.fpsDenominator : 30;
  }

  /**
   * The engine's T-bar: 'moving' holds program part-way at its position (a timed transition gives
   * way); 'done' keeps the new scene's whole picture until the document puts it on program;
   * 'cancelled' lets program go back to its own scene.
   */
  private onManual(m: EventMap['transition.manual']): void {
    if (m.state === 'cancelled' || (m.state === 'done' && this.programScene === m.toSceneUuid)) {
      this.manual = null;
      return;
    }
    if (m.fromSceneUuid !== this.programScene) return;
    this.transition = null;
    this.manual = { from: m.fromSceneUuid, to: m.toSceneUuid, kind: m.kind, settings: m.settings, position: Math.min(1, Math.max(0, m.position)) };
  }

  /** A scene as program shows it (items, then its filters) into an offscreen canvas-sized target. */
  private composeInto(scene: Scene, t: Target): void {
    this.prepareScene(scene);
    this.clearForItems(t, this.width, this.height);
    this.drawItems(scene);
    this.filters?.applyScene(scene.uuid, t, this.frame, true);
  }

  /** Binds a target, clears it to opaque black and sets premultiplied blending for items over it. */
  private clearForItems(t: Target, width: number, height: number): void {
    const gl = this.gl!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, t.framebuffer);
    gl.viewport(0, 0, width, height);
    gl.disable(gl.BLEND);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  }

  /** Draws a scene's items into the bound target; clip space maps the canvas, whatever the viewport. */
  private drawItems(scene: Scene, width = this.width, height = this.height): void {
    for (const item of scene.items) {
      if (!item.enabled) continue;
      const rt = this.picture(item.sourceUuid, width, height);
      if (!rt) continue;
      const w = rt.width;
      const h = rt.height;
      // Crop to bounds (OBS 31) is a crop worked out from the source's size, so it is applied here.
      const t = withBoundsCrop(item.transform, w, h);
      const c = croppedSize(t, w, h);
      if (c.width <= 0 || c.height <= 0) continue;
      const m = itemMatrix(t, w, h);
      clipMatrix(m, c.width, c.height, width, height, this.xf);
      const exact = !this.scaledView && pixelExact(m, t);
      this.exactW = exact ? w : 0;
      this.exactH = exact ? h : 0;
      this.uv[0] = t.cropLeft / w;
      this.uv[1] = t.cropTop / h;
      this.uv[2] = (w - t.cropRight) / w;
      this.uv[3] = (h - t.cropBottom) / h;
      const gl = this.gl;
      const blended = item.blendMode !== undefined && item.blendMode !== 'OBS_BLEND_NORMAL' && gl !== null;
      if (blended) applyBlend(gl, item.blendMode);
      this.copyable = exact && !blended;
      if (this.copyable) copyRect(m, t, c.width, c.height, this.copy);
      try {
        rt.render(this.draw, this.frame);
      } catch (err) {
        this.warnOnce(`render:${item.sourceUuid}`, `Compositor: a source failed to render (${String(err)}).`, 'notice');
      } finally {
        this.exactW = 0;
        this.copyable = false;
      }
      if (this.copied) this.tellCopied(item.sourceUuid, rt !== this.live.get(item.sourceUuid)?.rt);
      if (blended) applyBlend(gl, 'OBS_BLEND_NORMAL');
    }
  }

  /** What an extra canvas's picture depends on (as programKey; false: it changes every tick). */
  private readonly canvasKey = (scene: Scene | null, k: number[]): boolean => {
    k.length = 0;
    k.push(this.docSerial, this.pipeSerial, this.overlay?.version ?? -1);
    if (!scene) return true;
    const f = this.filters;
    if (f) {
      if (f.sceneAnimated(scene.uuid)) return false;
      k.push(f.sceneVersion(scene.uuid));
    }
    return this.keyItems(scene, 0, k);
  };

  /**
   * An extra canvas's program (canvas-output.ts): the scene's items laid out in the target's own
   * pixels, over black, then the scene's filters, then the program watermark placed in the canvas's
   * own pixels (its anchor and margin there), as on every picture the studio sends out.
   */
  private readonly composeCanvas = (scene: Scene | null, t: Target): void => {
    this.composeCanvasScene(scene, t);
    this.overlay?.draw(this.draw, this.xf, this.uv, t.width, t.height);
  };

  /** An extra canvas's scene alone (items over black, then its filters) at the target's size. */
  private composeCanvasScene(scene: Scene | null, t: Target): void {
    if (scene) this.prepareScene(scene);
    this.clearForItems(t, t.width, t.height);
    if (scene) {
      this.drawItems(scene, t.width, t.height);
      this.filters?.applyScene(scene.uuid, t, this.frame, true);
    }
  }

  /** An extra canvas's transition: both scenes at its size, mixed, then the watermark over them. */
  private readonly mixCanvas = (from: Scene, to: Scene, tr: CanvasTransition, t: number, target: Target): boolean => {
    const filters = this.filters;
    const kind = transitionKind(tr.kind);
    if (!filters || !kind || !this.gl) return false;
    const a = filters.pool.acquire(target.width, target.height);
    const b = filters.pool.acquire(target.width, target.height);
    try {
      this.composeCanvasScene(from, a);
      this.composeCanvasScene(to, b);
      kind.mix(filters.fx, a, b, target, t, tr.settings, this.transitionAssets, this.fps());
    } finally {
      filters.pool.release(a);
      filters.pool.release(b);
    }
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, target.width, target.height);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    this.overlay?.draw(this.draw, this.xf, this.uv, target.width, target.height);
    return true;
  };

  /**
   * Draws a scene into the bound target (a screenshot's): its items, or — when the scene has
   * filters — its filtered picture, composed off-screen first.
   */
  private drawScene(scene: Scene): void {
    const gl = this.gl;
    const filters = this.filters;
    if (!gl || !filters) {
      this.drawItems(scene);
      return;
    }
    if (!filters.sceneActive(scene.uuid)) {
      preserving(gl, () => this.prepareScene(scene));
      this.drawItems(scene);
      return;
    }
    const t = filters.pool.acquire(this.width, this.height);
    try {
      preserving(gl, () => {
        this.prepareScene(scene);
        gl.bindFramebuffer(gl.FRAMEBUFFER, t.framebuffer);
        gl.viewport(0, 0, this.width, this.height);
        gl.disable(gl.BLEND);
        gl.clearColor(0, 0, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        gl.enable(gl.BLEND);
        gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
        this.drawItems(scene);
        filters.applyScene(scene.uuid, t, this.frame, true);
      });
      this.xf.set([2, 0, 0, 0, 2, 0, -1, -1, 1]);
      this.uv.set([0, 0, 1, 1]);
      this.draw.texture(t.texture);
    } finally {
      filters.pool.release(t);
    }
  }

  /** What a screenshot of a source or scene (null = program) draws; see capture.ts. */
  private captureSubject(uuid: string | null): CaptureSubject | string {
    const doc = this.doc;
    if (!doc || this.width === 0) return 'the compositor has not received the studio document yet';
    const scene = doc.scenes.find((s) => s.uuid === (uuid ?? doc.currentSceneUuid));
    if (scene || uuid === null) {
      const draw = (width: number, height: number): void => {
        this.scaledView = width !== this.width || height !== this.height;
        try {
          if (scene) this.drawScene(scene);
        } finally {
          this.scaledView = false;
        }
        // A picture of the program scene is program's picture, watermark included.
        if (scene && scene.uuid === doc.currentSceneUuid) this.overlay?.draw(this.draw, this.xf, this.uv, this.width, this.height);
      };
      return { width: this.width, height: this.height, opaque: true, draw };
    }
    const live = this.live.get(uuid);
    if (!live) return 'this renderer does not know that source yet; try again';
    if (!live.rt) return `a source of kind "${live.kind}" cannot be drawn here`;
    const gl = this.gl;
    // A filtered source is pictured after its filters, as OBS's GetSourceScreenshot shows it.
    if (gl && this.filters) preserving(gl, () => this.filters?.prepare([uuid], (u) => this.live.get(u)?.rt, this.frame));
    const rt = this.picture(uuid);
    if (!rt) return `a source of kind "${live.kind}" cannot be drawn here`;
    return {
      width: rt.width,
      height: rt.height,
      opaque: false,
      draw: () => {
        // The unit quad fills the target: the source alone, no transform, no crop.
        this.xf.set([2, 0, 0, 0, 2, 0, -1, -1, 1]);
        this.uv.set([0, 0, 1, 1]);
        rt.render(this.draw, this.frame);
      },
    };
  }

  /** Called for each finished readback, oldest first. */
  private readonly deliver = (copyInto: (dst: Uint8Array) => void, sequence: number, captureMs: number): void => {
    const m = this.pool.acquire();
    copyInto(m.payload);
    writeFrameHeader(m.header, {
      kind: FrameKind.Video,
      format: VideoFormat.NV12,
      width: this.width,
      height: this.height,
      sequence,
      captureMs,
    });
    this.bridge.sendFrame(m.buffer);
    this.pool.release(m);
    this.flow.sent(sequence, performance.now());
    this.framesSent++;
    this.lastSent = sequence;
    while (this.repeats.length > 0 && this.repeats[0]!.after <= sequence) {
      const r = this.repeats.shift()!;
      this.emitRepeat(r.sequence, r.captureMs);
    }
  };

  private readonly report = (): void => {
    this.meter.roll(performance.now());
    const { fps: _fps, framesSent: _sent, unchanged: _unchanged, ...renderer } = this.stats();
    this.bridge.reportStats(renderer);
  };

  /**
   * Says once per source, and once more for its filtered picture, that it is copied into place: a
   * slow studio's log shows which items cost a draw.
   */
  private tellCopied(uuid: string, filtered: boolean): void {
    this.copied = false;
    const key = filtered ? `${uuid} filtered` : uuid;
    if (this.copiedTold.has(key)) return;
    this.copiedTold.add(key);
    const name = this.doc?.inputs.find((i) => i.uuid === uuid)?.name ?? uuid;
    console.info(`Compositor: "${name}"${filtered ? ' through its filters' : ''} is copied into its place, not drawn (opaque, laid pixel for pixel).`);
  }

  /**
   * Logs a problem once a minute at most per key (a failing draw would otherwise log every frame).
   * With 'notice' it also tells the engine, which shows the output owner's to people as a warning
   * notice: a warning only in the page's console reached nobody who could act on it (a LUT that is
   * not a LUT left the picture unchanged without a word).
   */
  private warnOnce(key: string, message: string, reach?: 'notice'): void {
    if (!this.warned.pass(key, performance.now())) return;
    console.warn(message);
    if (reach !== 'notice') return;
    const text = message.length > RENDERER_WARNING_MAX_CHARS ? `${message.slice(0, RENDERER_WARNING_MAX_CHARS - 1)}…` : message;
    void this.bridge.invoke('renderer.warning', { message: text }).catch(() => {});
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Whether a runtime that says where it draws (SourceRuntime.hits) draws at canvas point (x, y). */
function hitsAt(rt: { width: number; height: number; hits?(x: number, y: number): boolean }, t: Transform, x: number, y: number): boolean {
  if (!rt.hits) return true;
  const p = itemPoint(t, rt.width, rt.height, x, y);
  return p !== null && rt.hits(p.x, p.y);
}

const sameKey = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

function copyKey(from: readonly number[], to: number[]): void {
  to.length = from.length;
  for (let i = 0; i < from.length; i++) to[i] = from[i]!;
}
