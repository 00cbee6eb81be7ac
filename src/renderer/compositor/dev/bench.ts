/**
 * Stage timings for the scratch page. Each stage ends with a one-pixel readPixels from the target
 * it wrote, a real sync point, so the numbers are what each stage costs on this GPU (the frame path
 * itself never syncs like this).
 */
import { DEFAULT_TRANSFORM } from '../../../shared';
import { GlPipeline } from '../gl/pipeline';
import type { Target } from '../gl/target';
import { abgrToPremultiplied } from '../color';
import { clipMatrix, itemMatrix } from '../transform';

export interface StageTimes {
  width: number;
  height: number;
  layers: number;
  frames: number;
  /** Clear + layers into the program target. */
  composeMs: number;
  /** NV12 pack pass (plus queueing its copy into a pixel-pack buffer). */
  packMs: number;
  /** Synchronous readPixels of the whole NV12 target into memory (what the PBO ring avoids waiting on). */
  readbackMs: number;
}

export function benchStages(width: number, height: number, layers: number, frames: number): StageTimes {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const gl = canvas.getContext('webgl2', { alpha: false, antialias: false });
  if (!gl) throw new Error('no webgl2');
  const pipe = new GlPipeline(gl);
  pipe.resize(width, height, true);
  // Test-only peek at the targets, to sync on exactly what each stage wrote.
  const inner = pipe as unknown as { program: Target; packTarget: Target };
  const xf = new Float32Array(9);
  const uv = new Float32Array([0, 0, 1, 1]);
  const col = abgrToPremultiplied(0x80336699, new Float32Array(4));
  const tex = pipe.placeholder();
  const px = new Uint8Array(4);
  const dst = new Uint8Array((width * height * 3) / 2);
  const syncOn = (t: Target): void => {
    gl.bindFramebuffer(gl.FRAMEBUFFER, t.framebuffer);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  };
  let compose = 0;
  let pack = 0;
  let readback = 0;
  for (let f = -3; f < frames; f++) {
    const a = performance.now();
    pipe.beginProgram();
    for (let i = 0; i < layers; i++) {
      const t = { ...DEFAULT_TRANSFORM, positionX: i * 10, positionY: i * 5, rotation: i * 3 };
      clipMatrix(itemMatrix(t, width, height), width, height, width, height, xf);
      if (i % 2) pipe.drawColor(xf, col);
      else pipe.drawTexture(tex, xf, uv);
    }
    syncOn(inner.program);
    const b = performance.now();
    pipe.packFrame(f, b);
    syncOn(inner.packTarget);
    const c = performance.now();
    gl.readPixels(0, 0, width / 4, (height * 3) / 2, gl.RGBA, gl.UNSIGNED_BYTE, dst);
    const d = performance.now();
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    pipe.clearReadbacks();
    if (f >= 0) {
      compose += b - a;
      pack += c - b;
      readback += d - c;
    }
  }
  pipe.dispose();
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const r = (n: number): number => Math.round((n / frames) * 10) / 10;
  return { width, height, layers, frames, composeMs: r(compose), packMs: r(pack), readbackMs: r(readback) };
}
