/**
 * Screenshots for the engine. On renderer.captureRequest the compositor draws the requested
 * subject — one source alone at its own size with no transform, a scene, or the program — into an
 * offscreen framebuffer at the requested size, reads it back through a pixel-pack buffer and a
 * fence (polled, so the frame clock never waits on the GPU), encodes it with the browser's image
 * encoder and answers with renderer.captureResult. Every failure becomes an `error` answer, so
 * the engine never waits for its timeout when this renderer can say why.
 */
import {
  FRAME_HEADER_BYTES,
  VIDEO_LIMITS,
  nv12Bytes,
  type StudioBridge,
  type StudioEvent,
} from '../../shared';
import { createTarget, deleteTarget, type Target } from './gl/target';

export type CaptureRequest = Extract<StudioEvent, { type: 'renderer.captureRequest' }>['data'];

/** Something the compositor can draw for a capture. */
export interface CaptureSubject {
  /** Its own size in pixels (the canvas size for program and scenes). */
  width: number;
  height: number;
  /** Program and scenes are opaque over black; a source alone keeps its transparency. */
  opaque: boolean;
  /**
   * Draws into the bound framebuffer, whose viewport covers the whole picture (width × height
   * pixels), with premultiplied blending set up. Coordinates are resolution-independent, so any
   * picture size is a crisp render.
   */
  draw(width: number, height: number): void;
}

export interface CaptureHost {
  /** The GL context while it is usable (not lost), else null. */
  gl(): WebGL2RenderingContext | null;
  /** What to draw for a source or scene uuid (null = program), or a sentence saying why not. */
  subject(sourceUuid: string | null): CaptureSubject | string;
}

/** Mirrors the engine's limit (src/engine/screenshot.ts). */
const MAX_SIDE = 4096;
/**
 * Server mode's socket takes messages up to one full-size NV12 frame (src/server/socket.ts); an
 * answer beyond that would close this renderer's connection, so it is refused here with a reason.
 */
const MAX_DATA_URL_CHARS = FRAME_HEADER_BYTES + nv12Bytes(VIDEO_LIMITS.maxWidth, VIDEO_LIMITS.maxHeight) - 4096;
/**
 * How long a screenshot's read waits for its fence before it waits for the GPU outright (gl.finish,
 * which blocks this thread until the GPU has done everything queued). The engine gives up at 5 s.
 */
export const FENCE_PATIENCE_MS = 1000;
const POLL_MS = 4;

/**
 * The picture size: both given → as given; one given (the other 0) → the other follows the
 * subject's aspect; none → the subject's size, scaled down to fit MAX_SIDE. Same rule as the
 * engine's fitSize.
 */
export function fitCaptureSize(width: number, height: number, srcW: number, srcH: number): { width: number; height: number } {
  const clamp = (n: number): number => Math.min(MAX_SIDE, Math.max(1, Math.round(n)));
  if (width > 0 && height > 0) return { width: clamp(width), height: clamp(height) };
  if (!(srcW > 0 && srcH > 0)) throw new Error('the source has nothing to show (its size is 0)');
  if (width > 0) return { width: clamp(width), height: clamp((width * srcH) / srcW) };
  if (height > 0) return { width: clamp((height * srcW) / srcH), height: clamp(height) };
  const scale = Math.min(1, MAX_SIDE / Math.max(srcW, srcH));
  return { width: clamp(srcW * scale), height: clamp(srcH * scale) };
}

/** Turns premultiplied RGBA (what GL blends) into the straight alpha ImageData expects, in place. */
export function unpremultiply(px: Uint8Array | Uint8ClampedArray): void {
  for (let i = 0; i < px.length; i += 4) {
    const a = px[i + 3] as number;
    if (a === 255 || a === 0) continue;
    const k = 255 / a;
    px[i] = Math.min(255, Math.round((px[i] as number) * k));
    px[i + 1] = Math.min(255, Math.round((px[i + 1] as number) * k));
    px[i + 2] = Math.min(255, Math.round((px[i + 2] as number) * k));
  }
}

/** Listens for capture requests on the bridge and answers each; one capture runs at a time. */
export class Capturer {
  private readonly off: () => void;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private toldLate = false;

  constructor(
    private readonly bridge: StudioBridge,
    private readonly host: CaptureHost,
  ) {
    this.off = bridge.subscribe((event) => {
      if (event.type === 'renderer.captureRequest') this.enqueue(event.data);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.off();
  }

  /** Says once that a screenshot waited for the GPU outright: a slow studio's log shows why. */
  private readonly onLate = (waitedMs: number): void => {
    if (this.toldLate) return;
    this.toldLate = true;
    console.warn(
      `Compositor: a screenshot's GPU fence had not signalled after ${waitedMs} ms, so it was read after waiting for the GPU outright (a stall; the machine is loaded, or the fence's status never came back).`,
    );
  };

  private enqueue(request: CaptureRequest): void {
    // One at a time: a burst of large requests must not hold several readbacks and encoders at once.
    this.queue = this.queue.then(() => this.answer(request));
  }

  private async answer(request: CaptureRequest): Promise<void> {
    let reply: { dataUrl: string } | { error: string };
    try {
      reply = this.disposed ? { error: 'the compositor closed' } : { dataUrl: await this.capture(request) };
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err) };
    }
    const sent = await this.bridge.invoke('renderer.captureResult', { requestId: request.requestId, ...reply });
    if (!sent.ok) console.warn(`Compositor: the studio did not take a screenshot answer (${sent.error.message}).`);
  }

  private async capture(request: CaptureRequest): Promise<string> {
    const gl = this.host.gl();
    if (!gl) throw new Error('WebGL2 is not available in this renderer right now, so it cannot render pictures');
    const subject = this.host.subject(request.sourceUuid);
    if (typeof subject === 'string') throw new Error(subject);
    const { width, height } = fitCaptureSize(request.width, request.height, subject.width, subject.height);
    const pixels = await renderPixels(gl, subject, width, height, this.onLate);
    if (!subject.opaque) unpremultiply(pixels);
    return encode(pixels, width, height, request.format, request.quality);
  }
}

/** Draws the subject into a fresh width×height target and reads it back, top row first. */
async function renderPixels(
  gl: WebGL2RenderingContext,
  subject: CaptureSubject,
  width: number,
  height: number,
  onLate: (waitedMs: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = width * height * 4;
  let target: Target | null = createTarget(gl, width, height);
  const buffer = gl.createBuffer();
  let sync: WebGLSync | null = null;
  try {
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
    gl.viewport(0, 0, width, height);
    gl.disable(gl.BLEND);
    gl.clearColor(0, 0, 0, subject.opaque ? 1 : 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    subject.draw(width, height);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, bytes, gl.STREAM_READ);
    // Row 0 of the target is the picture's top (sources and program are drawn top-down), so the
    // rows come back in image order.
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) throw new Error('the GPU could not track the picture read');
    // Without a flush the fence may never reach the GPU and never signal.
    gl.flush();
    // GL keeps the target alive until the queued read is done, so it can go now.
    deleteTarget(gl, target);
    target = null;
    const waited = await fenceSignalled(gl, sync, FENCE_PATIENCE_MS);
    if (waited !== true) {
      // A GPU far behind (a loaded machine), or a fence whose status never came back: CI saw a 320×240
      // screenshot's fence unsignalled after 4 s, twice in a row. Waiting for the GPU outright costs
      // this thread a stall but answers the request.
      onLate(waited);
      gl.finish();
      if (gl.isContextLost()) throw new Error('the GL context was lost while the picture was being read');
    }
    const out = new Uint8Array(bytes);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, out, 0, bytes);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    return out;
  } finally {
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    deleteTarget(gl, target);
    gl.deleteBuffer(buffer);
    if (sync) gl.deleteSync(sync);
  }
}

/** The parts of WebGL2 that fenceSignalled uses. */
export type FenceGl = Pick<WebGL2RenderingContext, 'isContextLost' | 'getSyncParameter' | 'SYNC_STATUS' | 'SIGNALED'>;

/**
 * Polls the fence between tasks (WebGL updates a fence's status only between them, and never lets
 * clientWaitSync block): true once it has signalled, or the milliseconds waited when `patienceMs`
 * ran out first. Rejects when the context is lost.
 */
export function fenceSignalled(gl: FenceGl, sync: WebGLSync, patienceMs: number): Promise<true | number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (gl.isContextLost()) return reject(new Error('the GL context was lost while the picture was being read'));
      if ((gl.getSyncParameter(sync, gl.SYNC_STATUS) as number) === gl.SIGNALED) return resolve(true);
      const waited = performance.now() - start;
      if (waited >= patienceMs) return resolve(Math.round(waited));
      setTimeout(check, POLL_MS);
    };
    check();
  });
}

async function encode(pixels: Uint8Array<ArrayBuffer>, width: number, height: number, format: CaptureRequest['format'], quality: number): Promise<string> {
  const type = `image/${format}`;
  const image = new ImageData(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height);
  const q = quality >= 0 && quality <= 100 ? quality / 100 : undefined;
  let blob: Blob | null;
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this renderer has no 2D canvas to encode pictures with');
    ctx.putImageData(image, 0, 0);
    blob = await canvas.convertToBlob({ type, quality: q });
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this renderer has no 2D canvas to encode pictures with');
    ctx.putImageData(image, 0, 0);
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, q));
  }
  // Browsers quietly fall back to PNG for a type they cannot encode.
  if (!blob || blob.type !== type) throw new Error(`this renderer cannot encode ${format} pictures`);
  const url = await dataUrlOf(blob);
  if (url.length > MAX_DATA_URL_CHARS) {
    const mb = (url.length / 1e6).toFixed(1);
    throw new Error(`the ${width}×${height} ${format} picture is too large to send (${mb} MB); ask for a smaller size or for jpeg`);
  }
  return url;
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('the picture could not be encoded')));
    reader.onerror = () => reject(new Error('the picture could not be encoded'));
    reader.readAsDataURL(blob);
  });
}
