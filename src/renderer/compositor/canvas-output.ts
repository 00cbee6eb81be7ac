/**
 * Extra canvases' program output (src/shared/canvas.ts), beside the main program. While this
 * renderer owns output, each enabled canvas gets, per tick: its program scene composed at its own
 * size into its own target (by the compositor, so sources already uploaded this tick are drawn, not
 * uploaded again), packed to NV12 with the same shaders as the main program, read back through its
 * own ring of pixel-pack buffers and fences (never waiting on the GPU), and sent as frames whose
 * header names the canvas. Each canvas has its own flow window: its frames' sequences are below
 * zero (canvasSequence), so the main window never counts them and an ack reaches only its canvas.
 *
 * Unchanged pictures are not composed, packed or read back again: as for the main program, a tick
 * whose picture key (the document, the GL pipeline, each shown source's version) equals the one
 * last sent sends a 32-byte Repeat instead, queued behind frames still in readback; a whole frame
 * goes out at least once a second and after every stream or destination change (a canvas encoder
 * that just started has no picture to repeat).
 *
 * A canvas is composed and sent only while one of its destinations is active (connecting, live or
 * reconnecting, from destination.state and the per-second destination.stats, so a renderer that
 * takes ownership mid-stream learns it within a second) or the recording writes it (record.state's
 * canvas, also sent every second) or the replay buffer keeps it (replay.state's canvas): an enabled
 * vertical canvas costs nothing while only main-canvas destinations stream.
 */
import {
  FRAME_HEADER_BYTES,
  FrameKind,
  VideoFormat,
  canvasIndex,
  canvasSequence,
  fromCanvasSequence,
  nv12Bytes,
  writeFrameHeader,
  type Canvas,
  type DestinationState,
  type Scene,
  type Settings,
  type StudioBridge,
  type StudioDocument,
} from '../../shared';
import { FlowWindow } from './flow';
import { createProgram, uniform } from './gl/program';
import { FULLSCREEN_VS } from './gl/shaders';
import { createTarget, deleteTarget, type Target } from './gl/target';
import { ReadbackRing } from './gl/readback';
import { nv12SizeProblem, packChromaShader, packLumaShader, packTargetSize } from './nv12';
import { FramePool } from './pool';

/** Frames of one canvas that may await the engine's ack (as the main program's). */
const MAX_UNACKED = 3;

/** A transition an extra canvas runs between its program scenes (on this page's clock). */
export interface CanvasTransition {
  from: string;
  kind: string;
  settings: Settings;
  durationMs: number;
  start: number;
}

export interface CanvasHost {
  /** Draws a scene (null: nothing, black) into a target, laid out in the target's pixels. */
  compose(scene: Scene | null, target: Target): void;
  /** Draws the two scenes mixed by a transition at progress t (0..1) into a target; false: it cannot. */
  mix(from: Scene, to: Scene, transition: CanvasTransition, t: number, target: Target): boolean;
  /** The transition a canvas switching to scene `to` runs (the program's own choice), or null: a cut. */
  transitionTo(doc: StudioDocument, to: string): Omit<CanvasTransition, 'from' | 'start'> | null;
  /** Fills `out` with what the scene's picture depends on; false when it changes every tick. */
  key(scene: Scene | null, out: number[]): boolean;
  warnOnce(key: string, message: string, reach?: 'notice'): void;
}

interface Live {
  canvas: Canvas;
  index: number;
  target: Target;
  pack: Target;
  ring: ReadbackRing;
  flow: FlowWindow;
  pool: FramePool;
  sent: number;
  skipped: number;
  unchanged: number;
  /** What this tick's picture depends on, and what the picture in `target` was drawn for. */
  keyNow: number[];
  keyDrawn: number[];
  /** `target` holds the picture for keyDrawn; that picture was also packed for the engine. */
  drawn: boolean;
  packed: boolean;
  /** Tick of the last whole frame packed; ticks of the newest frame packed and sent. */
  lastWhole: number;
  lastPacked: number;
  lastSent: number;
  /** Repeats waiting for the frame packed before them to be sent (order holds). */
  repeats: { tick: number; after: number; captureMs: number }[];
}

export class CanvasOutputs {
  private readonly live = new Map<string, Live>();
  /** Transitions running on canvases, by canvas id. */
  private readonly transitions = new Map<string, CanvasTransition>();
  private luma: WebGLProgram | null = null;
  private chroma: WebGLProgram | null = null;
  private chromaH: WebGLUniformLocation | null = null;
  private chromaTexel: WebGLUniformLocation | null = null;
  private doc: StudioDocument | null = null;
  private readonly offAck: () => void;
  private readonly offEvents: () => void;
  /** Destinations that are connecting, live or reconnecting now. */
  private readonly active = new Set<string>();
  /** The canvas a running recording writes (record.state's canvas, sent every second), else null. */
  private recorded: string | null = null;
  /** The canvas the replay buffer keeps (replay.state, replayed to every renderer that connects), if an extra one. */
  private replayed: string | null = null;
  private readonly repeatMessage = new ArrayBuffer(FRAME_HEADER_BYTES);
  private readonly repeatHeader = new DataView(this.repeatMessage);

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly bridge: StudioBridge,
    private readonly host: CanvasHost,
  ) {
    this.offAck = bridge.onFrameAck((sequence) => {
      const c = fromCanvasSequence(sequence);
      if (!c) return;
      for (const l of this.live.values()) if (l.index === c.index) l.flow.ack(c.tick);
    });
    // A canvas's encoder starts with its first destination: it needs a whole picture, not a repeat.
    this.offEvents = bridge.subscribe((event) => {
      if (event.type === 'stream.state' || event.type === 'destination.state') for (const l of this.live.values()) l.packed = false;
      if (event.type === 'destination.state') this.setActive(event.data.id, event.data.state);
      if (event.type === 'destination.stats') for (const d of event.data.stats) this.setActive(d.id, d.state);
      if (event.type === 'stream.state' && (event.data.state === 'idle' || event.data.state === 'failed')) this.active.clear();
      if (event.type === 'record.state') {
        const s = event.data.state;
        const recorded = (s === 'starting' || s === 'recording' || s === 'stopping') && event.data.canvas ? event.data.canvas : null;
        // Its encoder may have just started for the recording: it needs a whole picture.
        if (recorded !== this.recorded) for (const l of this.live.values()) l.packed = false;
        this.recorded = recorded;
      }
      if (event.type === 'replay.state') {
        const s = event.data.state;
        const kept = (s === 'starting' || s === 'active' || s === 'stopping') && event.data.canvas ? event.data.canvas : null;
        if (kept !== this.replayed) for (const l of this.live.values()) l.packed = false;
        this.replayed = kept;
      }
    });
  }

  /** Follows the document: canvases turned on get their targets, those turned off or resized lose theirs. */
  setDocument(doc: StudioDocument): void {
    const before = this.doc;
    this.doc = doc;
    const wanted = new Map((doc.canvases ?? []).filter((c) => c.enabled).map((c) => [c.id, c]));
    // A canvas whose program scene changed runs the transition the main program would.
    for (const c of wanted.values()) {
      const from = before?.canvases?.find((b) => b.id === c.id)?.programSceneUuid;
      if (!from || !c.programSceneUuid || from === c.programSceneUuid) continue;
      const t = doc.scenes.some((sc) => sc.uuid === from) ? this.host.transitionTo(doc, c.programSceneUuid) : null;
      if (t && t.durationMs > 0) this.transitions.set(c.id, { ...t, from, start: performance.now() });
      else this.transitions.delete(c.id);
    }
    for (const [id, l] of this.live) {
      const c = wanted.get(id);
      if (c && c.width === l.canvas.width && c.height === l.canvas.height) {
        l.canvas = c;
        l.index = canvasIndex(doc.canvases, id);
        continue;
      }
      this.drop(l);
      this.live.delete(id);
    }
    for (const [id, c] of wanted) {
      if (this.live.has(id)) continue;
      const problem = nv12SizeProblem(c.width, c.height);
      if (problem) {
        this.host.warnOnce(`canvas-size:${id}:${c.width}x${c.height}`, `Compositor: canvas "${c.name}": ${problem}`);
        continue;
      }
      try {
        this.live.set(id, this.make(c, canvasIndex(doc.canvases, id)));
      } catch (err) {
        this.host.warnOnce(`canvas-gl:${id}`, `Compositor: canvas "${c.name}" has no render targets (${String(err)}).`);
      }
    }
  }

  /** The transition canvas `id` is in now, with its scene before and progress; null when none runs. */
  private mixing(id: string, doc: StudioDocument, to: Scene | null): { from: Scene; transition: CanvasTransition; t: number } | null {
    const tr = this.transitions.get(id);
    if (!tr) return null;
    const t = (performance.now() - tr.start) / tr.durationMs;
    const from = doc.scenes.find((s) => s.uuid === tr.from && !s.isGroup);
    if (t >= 1 || !from || !to) {
      this.transitions.delete(id);
      return null;
    }
    return { from, transition: tr, t: Math.max(0, t) };
  }

  /** Ownership changed: what was in flight is forgotten. */
  reset(): void {
    for (const l of this.live.values()) {
      l.flow.reset();
      l.ring.clear();
      l.repeats.length = 0;
      l.packed = l.drawn = false;
      l.lastPacked = l.lastSent = -1;
    }
  }

  /** One tick of every canvas while output owner; `tick` counts from when ownership began, as the main sequences do. */
  tick(tick: number, captureMs: number): void {
    const doc = this.doc;
    if (!doc) return;
    const refresh = Math.max(1, Math.round(doc.video.fpsNumerator / doc.video.fpsDenominator));
    for (const l of this.live.values()) {
      l.ring.poll((copyInto, sequence, stamp) => this.deliver(l, copyInto, sequence, stamp));
      const kept = this.recorded === l.canvas.id || this.replayed === l.canvas.id;
      if (!kept && !doc.destinations.some((d) => d.canvas === l.canvas.id && this.active.has(d.id))) {
        l.packed = false;
        continue;
      }
      // The engine has not taken this canvas's frames: skip this tick (its "encoder lag").
      if (!l.flow.hasRoom(captureMs)) {
        l.skipped++;
        continue;
      }
      const scene = doc.scenes.find((s) => s.uuid === l.canvas.programSceneUuid && !s.isGroup) ?? null;
      const mixing = this.mixing(l.canvas.id, doc, scene);
      // A running transition changes the picture on every tick.
      const stable = !mixing && this.host.key(scene, l.keyNow);
      const same = stable && l.drawn && sameKey(l.keyNow, l.keyDrawn);
      if (same && l.packed && tick - l.lastWhole < refresh) {
        this.sendRepeat(l, tick, captureMs);
        l.unchanged++;
        continue;
      }
      // The GPU still reads earlier frames back: adding work would only deepen its backlog.
      if (l.flow.size + l.ring.pending >= MAX_UNACKED || !l.ring.hasFree) {
        l.skipped++;
        continue;
      }
      if (!same) {
        if (!(mixing && scene && this.host.mix(mixing.from, scene, mixing.transition, mixing.t, l.target))) this.host.compose(scene, l.target);
        l.drawn = stable;
        l.keyDrawn.length = 0;
        if (stable) l.keyDrawn.push(...l.keyNow);
      }
      this.packInto(l);
      if (l.ring.start(l.pack.width, l.pack.height, canvasSequence(l.index, tick), captureMs)) {
        l.lastPacked = tick;
        l.lastWhole = tick;
        l.packed = l.drawn;
      }
      this.gl.bindFramebuffer(this.gl.FRAMEBUFFER, null);
    }
  }

  private setActive(id: string, state: DestinationState): void {
    if (state === 'connecting' || state === 'live' || state === 'reconnecting') this.active.add(id);
    else this.active.delete(id);
  }

  /** "Same picture as before" for this tick; it waits while the frame packed before it is still in readback. */
  private sendRepeat(l: Live, tick: number, captureMs: number): void {
    if (l.lastSent >= l.lastPacked) this.emitRepeat(l, tick, captureMs);
    else l.repeats.push({ tick, after: l.lastPacked, captureMs });
  }

  private emitRepeat(l: Live, tick: number, captureMs: number): void {
    writeFrameHeader(this.repeatHeader, {
      kind: FrameKind.Video,
      format: VideoFormat.Repeat,
      width: l.canvas.width,
      height: l.canvas.height,
      sequence: canvasSequence(l.index, tick),
      captureMs,
      canvas: l.index,
    });
    // Both bridges copy a message before sendFrame returns, so one buffer serves every repeat.
    this.bridge.sendFrame(this.repeatMessage);
    l.flow.sent(tick, performance.now());
  }

  stats(): { canvas: string; sent: number; skipped: number; unchanged: number }[] {
    return [...this.live.values()].map((l) => ({ canvas: l.canvas.id, sent: l.sent, skipped: l.skipped, unchanged: l.unchanged }));
  }

  /** The context was lost: its objects are gone with it, so only the references go. */
  forget(): void {
    this.live.clear();
    this.luma = this.chroma = null;
    this.offAck();
    this.offEvents();
  }

  dispose(): void {
    for (const l of this.live.values()) this.drop(l);
    this.live.clear();
    if (this.luma) this.gl.deleteProgram(this.luma);
    if (this.chroma) this.gl.deleteProgram(this.chroma);
    this.luma = this.chroma = null;
    this.offAck();
    this.offEvents();
  }

  private make(canvas: Canvas, index: number): Live {
    const gl = this.gl;
    const target = createTarget(gl, canvas.width, canvas.height);
    // LINEAR lets the chroma pass average 2×2 blocks in one sample (as the main program target).
    gl.bindTexture(gl.TEXTURE_2D, target.texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    const size = packTargetSize(canvas.width, canvas.height);
    const pack = createTarget(gl, size.width, size.height);
    const pool = new FramePool();
    pool.resize(nv12Bytes(canvas.width, canvas.height));
    return {
      canvas,
      index,
      target,
      pack,
      ring: new ReadbackRing(gl, nv12Bytes(canvas.width, canvas.height), MAX_UNACKED),
      flow: new FlowWindow(MAX_UNACKED),
      pool,
      sent: 0,
      skipped: 0,
      unchanged: 0,
      keyNow: [],
      keyDrawn: [],
      drawn: false,
      packed: false,
      lastWhole: -Infinity,
      lastPacked: -1,
      lastSent: -1,
      repeats: [],
    };
  }

  private drop(l: Live): void {
    deleteTarget(this.gl, l.target);
    deleteTarget(this.gl, l.pack);
    l.ring.dispose();
  }

  /** The main program's two NV12 passes (nv12.ts), on this canvas's target. */
  private packInto(l: Live): void {
    const gl = this.gl;
    if (!this.luma || !this.chroma) {
      this.luma = createProgram(gl, FULLSCREEN_VS, packLumaShader());
      this.chroma = createProgram(gl, FULLSCREEN_VS, packChromaShader());
      for (const p of [this.luma, this.chroma]) {
        gl.useProgram(p);
        gl.uniform1i(uniform(gl, p, 'u_src'), 0);
      }
      this.chromaH = uniform(gl, this.chroma, 'u_h');
      this.chromaTexel = uniform(gl, this.chroma, 'u_texel');
    }
    const { width: w, height: h } = l.canvas;
    gl.disable(gl.BLEND);
    gl.bindFramebuffer(gl.FRAMEBUFFER, l.pack.framebuffer);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, l.target.texture);
    gl.viewport(0, 0, l.pack.width, h);
    gl.useProgram(this.luma);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.viewport(0, h, l.pack.width, h / 2);
    gl.useProgram(this.chroma);
    gl.uniform1i(this.chromaH, h);
    gl.uniform2f(this.chromaTexel, 1 / w, 1 / h);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  private deliver(l: Live, copyInto: (dst: Uint8Array) => void, sequence: number, captureMs: number): void {
    const m = l.pool.acquire();
    copyInto(m.payload);
    writeFrameHeader(m.header, {
      kind: FrameKind.Video,
      format: VideoFormat.NV12,
      width: l.canvas.width,
      height: l.canvas.height,
      sequence,
      captureMs,
      canvas: l.index,
    });
    this.bridge.sendFrame(m.buffer);
    l.pool.release(m);
    const tick = fromCanvasSequence(sequence)?.tick ?? 0;
    l.flow.sent(tick, performance.now());
    l.sent++;
    l.lastSent = tick;
    while (l.repeats.length > 0 && l.repeats[0]!.after <= tick) {
      const r = l.repeats.shift()!;
      this.emitRepeat(l, r.tick, r.captureMs);
    }
  }
}

const sameKey = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

