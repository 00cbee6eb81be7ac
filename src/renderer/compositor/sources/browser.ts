/**
 * browser_source: draws the pictures of a page that runs elsewhere, isolated from the studio (the
 * engine's host runs it; see src/engine/browser). Frames arrive as browser.frame events through the
 * BrowserLink; the newest is decoded off the main thread (createImageBitmap, premultiplied, so a
 * transparent page blends as OBS's does) and uploaded once; the version moves with each upload, so
 * an unchanged page costs the compositor nothing. The source is its settings' width × height; with
 * a problem and no picture it draws the "no signal" card. Its sound (reroute_audio on) arrives as
 * browser.audio chunks and plays through a small jitter buffer into the input's strip (./browser-audio.ts).
 */
import { BROWSER_SOURCE, type Settings } from '../../../shared';
import { createTexture } from '../gl/target';
import { createPagePlayer } from './browser-audio';
import type { BrowserFrameEvent } from './browser-link';
import { createNoSignalCard } from './no-signal';
import { num } from './settings';
import type { SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';

/** base64 → bytes, without fetch (a data: URL would need the page's CSP to allow it). */
function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export const browserSource: SourceKind = {
  id: BROWSER_SOURCE.id,
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
    const gl = ctx.gl;
    const card = createNoSignalCard(ctx);
    let width = BROWSER_SOURCE.defaults['width'] as number;
    let height = BROWSER_SOURCE.defaults['height'] as number;
    let texture: WebGLTexture | null = null;
    let version = 0;
    let problem: string | null = null;
    let decoding = false;
    let pending: BrowserFrameEvent | null = null;
    let shownSeq = -1;
    let disposed = false;
    // Attached once, so the strip is there (silent) even before the page plays anything.
    const player = ctx.audio ? createPagePlayer(ctx.audio) : null;
    let rerouted = BROWSER_SOURCE.defaults['reroute_audio'] === true;
    // The desktop app's pages are captured as a stream (their frame, through getDisplayMedia);
    // server mode's arrive as browser.audio chunks.
    const captureAudio = ctx.browser?.captureAudio;
    let pageRunning = false;
    let stream: { media: MediaStream; node: MediaStreamAudioSourceNode } | null = null;
    let capturing = false;
    let lastTry = -Infinity;
    const stopStream = (): void => {
      if (!stream) return;
      for (const track of stream.media.getTracks()) track.stop();
      stream.node.disconnect();
      stream = null;
    };
    const wantStream = (): void => {
      if (!captureAudio || !player || disposed || !rerouted || !pageRunning || stream || capturing) return;
      // A page that cannot be captured is tried again at most every 2 s, not at every frame.
      if (performance.now() - lastTry < 2000) return;
      lastTry = performance.now();
      capturing = true;
      captureAudio(info.uuid).then(
        (media) => {
          capturing = false;
          if (disposed || !rerouted || !pageRunning) {
            for (const track of media.getTracks()) track.stop();
            return;
          }
          const node = new MediaStreamAudioSourceNode(player.input.context as AudioContext, { mediaStream: media });
          node.connect(player.input);
          const mine = { media, node };
          stream = mine;
          // The page went away (closed, navigated elsewhere in a new process): capture it again on its next frame.
          for (const track of media.getAudioTracks()) track.addEventListener('ended', () => stream === mine && stopStream());
        },
        (err: unknown) => {
          capturing = false;
          ctx.warnOnce(`browser-audio:${info.uuid}`, `Browser source "${info.name}": its sound cannot reach the mixer (${String(err)}).`);
        },
      );
    };

    const decodeNext = (): void => {
      if (decoding || !pending || disposed) return;
      const frame = pending;
      pending = null;
      decoding = true;
      createImageBitmap(new Blob([bytes(frame.data)], { type: frame.mime }), { premultiplyAlpha: 'premultiply', colorSpaceConversion: 'none' })
        .then((bitmap) => {
          try {
            if (disposed || gl.isContextLost() || frame.seq < shownSeq) return;
            texture ??= createTexture(gl, gl.LINEAR);
            gl.bindTexture(gl.TEXTURE_2D, texture);
            gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
            shownSeq = frame.seq;
            version++;
          } finally {
            bitmap.close();
          }
        })
        .catch((err: unknown) => ctx.warnOnce(`browser:${info.uuid}`, `Browser source "${info.name}": a frame could not be decoded (${String(err)}).`))
        .finally(() => {
          decoding = false;
          decodeNext();
        });
    };

    const detach =
      ctx.browser?.attach(info.uuid, {
        frame(frame) {
          if (frame.data === '') {
            // The page stopped: show nothing rather than its last picture when it starts again.
            player?.clear();
            pageRunning = false;
            stopStream();
            pending = null;
            shownSeq = -1;
            gl.deleteTexture(texture);
            texture = null;
            version++;
            return;
          }
          pageRunning = true;
          wantStream();
          // Only the newest waiting frame matters: a slow decode skips the ones in between.
          if (!pending || frame.seq > pending.seq) pending = frame;
          decodeNext();
        },
        problem(p) {
          problem = p;
          version++;
        },
        audio(data) {
          if (rerouted) player?.push(data);
        },
      }) ?? null;
    if (!ctx.browser) problem = 'this compositor has no link to the studio';

    const rt: SourceRuntime = {
      get width() {
        return width;
      },
      get height() {
        return height;
      },
      get version() {
        return version;
      },
      update(s) {
        const reroute = s['reroute_audio'] === true;
        if (!reroute) {
          player?.clear();
          stopStream();
        }
        rerouted = reroute;
        wantStream();
        const w = Math.max(1, Math.round(num(s, 'width', width)));
        const h = Math.max(1, Math.round(num(s, 'height', height)));
        if (w !== width || h !== height) {
          width = w;
          height = h;
          version++;
        }
      },
      render(draw) {
        if (texture) draw.texture(texture);
        else if (problem) card.render(draw, problem, width, height);
      },
      dispose() {
        disposed = true;
        detach?.();
        stopStream();
        player?.dispose();
        card.dispose();
        gl.deleteTexture(texture);
        texture = null;
      },
    };
    rt.update(settings);
    return rt;
  },
};
