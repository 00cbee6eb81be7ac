/**
 * The compositor renders outside React: it owns a WebGL2 context on the preview canvas, reads the
 * latest document snapshot on every tick of its own frame clock, and — while this renderer owns
 * program output — packs each frame to NV12 on the GPU, reads it back asynchronously and sends it
 * through the bridge. React only creates it, feeds it snapshots and disposes it.
 */
import type { InputLevels, RendererStats, StudioBridge, StudioDocument } from '../../shared';
import type { MonitorStatus } from '../audio/monitor';
import type { StripView } from '../audio/mixer';
import type { TimerPort } from './clock';

export interface CompositorOptions {
  bridge: StudioBridge;
  /** The visible canvas. Its drawing buffer is sized to the base resolution; CSS scales it. */
  canvas: HTMLCanvasElement;
  /**
   * Run the WebAudio graph (audio inputs' channel strips → master → PCM tap) and send its audio while output owner.
   * Default true.
   */
  audio?: boolean;
  /** The frame clock's time source; tests may inject a fake one. Default: performance.now + setTimeout. */
  timers?: TimerPort;
  /**
   * Show program on the canvas. False for the headless compositor of server mode, where nobody
   * looks at the page: program is composited and sent, never presented. Default true.
   */
  present?: boolean;
}

export interface CompositorStats extends RendererStats {
  /** Frames composited per second over the last second. */
  fps: number;
  /**
   * Frames sent to the engine since output ownership was gained. renderLagged and sendSkipped also
   * count from then; renderMs and fps cover the last second.
   */
  framesSent: number;
  /**
   * Ticks since ownership (or since start, when not owner) where nothing on program had changed,
   * so nothing was composited or read back (sent as VideoFormat.Repeat while owner).
   */
  unchanged: number;
}

export interface Compositor {
  setDocument(document: StudioDocument): void;
  /** Start or stop sending frames and audio (the engine's renderer.outputOwner event). */
  setOutputOwner(owner: boolean): void;
  /**
   * Which canvas the page's canvas shows and edits: 'main' (program, or preview in studio mode), or
   * an extra canvas's id (its program scene at its own size). Output is unchanged either way.
   */
  showCanvas(id: string): void;
  stats(): CompositorStats;
  /** Topmost enabled item of the current scene under a canvas-space point, for selection and dragging. */
  hitTest(x: number, y: number): number | null;
  /** Every enabled item of the shown scene under a canvas-space point, topmost first (click cycling). */
  hitTestAll(x: number, y: number): number[];
  /** The size of a scene item's picture before its transform (its source after filters), or null. */
  itemSize(sceneItemId: number): { width: number; height: number } | null;
  /** Canvas-space bounding box of a scene item as drawn (after crop, scale, rotation about alignment). */
  itemBounds(sceneItemId: number): { x: number; y: number; width: number; height: number } | null;
  /** The mixer's live side (meters, monitoring), or null when audio is off or unavailable. */
  readonly audioMixer: CompositorAudio | null;
  dispose(): void;
}

/** What the Audio Mixer dock reads from, and tells, the renderer's mixer. */
export interface CompositorAudio {
  /** Each input in program with sound: OBS's inputLevelsMul per channel [magnitude, peak, inputPeak]. */
  levels(): InputLevels[];
  /** The master bus per channel, [magnitude, peak, peak]. */
  masterLevels(): number[][];
  /** What each strip does now (in program, sending to output, monitoring, applied delay). */
  view(): StripView[];
  /** Where monitoring plays ('' = the default output). */
  setMonitorDevice(deviceId: string): void;
  readonly monitorStatus: MonitorStatus;
}
