/**
 * One output clock per extra canvas (src/shared/canvas.ts). A canvas's pictures differ from the
 * main canvas's, so they cannot share its FramePump; each canvas gets a FramePump of its own size,
 * fed its frames (those whose header names it) and the same program sound as the main one, so each
 * of its encoders gets exactly one picture with its samples per tick, as the main encoders do.
 *
 * A pump starts with the first encoder of its canvas (its first destination's connect) and writes
 * black until the renderer's frames arrive. Its first sink is a null one (FramePump keeps a main
 * sink): the canvas's encoders are added beside it under their plan keys.
 */
import { Writable } from 'node:stream';
import type { CanvasOutputStats, VideoSettings } from '../../shared';
import type { Clock } from '../api';
import { canvasOfKey, canvasVideo, type OutputCanvas } from './canvas-plan';
import { FramePump } from './frame-pump';

interface CanvasPump {
  canvas: OutputCanvas;
  video: VideoSettings;
  pump: FramePump;
}

const discard = (): Writable => new Writable({ write: (_chunk, _enc, done) => done() });

export class CanvasPumps {
  private readonly pumps = new Map<string, CanvasPump>();

  constructor(private readonly opts: { clock: Clock; videoDelayMs?: () => number; channels?: number }) {}

  /** The pump feeding an encoding (made and started for the first encoder of its canvas); null for main-canvas keys. */
  forKey(key: string, canvases: readonly OutputCanvas[] | undefined, main: VideoSettings, create: boolean): FramePump | null {
    const id = canvasOfKey(key);
    if (id === null) return null;
    const have = this.pumps.get(id);
    if (have || !create) return have?.pump ?? null;
    const canvas = canvases?.find((c) => c.id === id);
    if (!canvas) return null;
    const video = canvasVideo(main, canvas);
    const pump = new FramePump({
      clock: this.opts.clock,
      width: video.baseWidth,
      height: video.baseHeight,
      fpsNumerator: video.fpsNumerator,
      fpsDenominator: video.fpsDenominator,
      sink: { video: discard(), audio: discard() },
      ...(this.opts.channels && { channels: this.opts.channels }),
      ...(this.opts.videoDelayMs && { videoDelayMs: this.opts.videoDelayMs }),
    });
    pump.start();
    this.pumps.set(id, { canvas, video, pump });
    return pump;
  }

  /** The running pump of the canvas a frame header names (its index), with the size its frames must have. */
  byIndex(index: number): { pump: FramePump; video: VideoSettings } | null {
    for (const p of this.pumps.values()) if (p.canvas.index === index) return p;
    return null;
  }

  /** The program sound goes to every canvas (a copy each is not needed: pumps only read it). */
  pushAudio(pcm: Uint8Array, captureMs: number): void {
    for (const p of this.pumps.values()) p.pump.pushAudio(pcm, captureMs);
  }

  /** Per canvas: its pump's counters (stats, diagnosis). */
  counters(): CanvasOutputStats[] {
    return [...this.pumps.values()].map((p) => {
      const c = p.pump.counters();
      return { canvas: p.canvas.id, framesSent: c.framesSent, lagged: c.lagged, unchanged: c.unchanged, fresh: c.fresh, dropped: c.dropped };
    });
  }

  /** No more writes (encoders are closing). */
  stop(): void {
    for (const p of this.pumps.values()) p.pump.stop();
  }

  dispose(): void {
    for (const p of this.pumps.values()) p.pump.dispose();
    this.pumps.clear();
  }
}
