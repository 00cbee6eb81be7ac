/**
 * browser_source: draws the pictures of a page that runs elsewhere, isolated from the studio (the
 * engine's host runs it; see src/engine/browser). Frames arrive as browser.frame events through the
 * BrowserLink and are decoded off the main thread (createImageBitmap, premultiplied, so a
 * transparent page blends as OBS's does) and uploaded once (./browser-frames.ts); the version moves
 * with each upload, so an unchanged page costs the compositor nothing. The source is its settings'
 * width × height; with a problem and no picture it draws the "no signal" card. Its sound
 * (reroute_audio on) arrives as browser.audio chunks into the input's strip (./browser-audio.ts).
 * Both are stamped by the page's host, so each picture is shown where the sound played with it is
 * heard: the page's delay after the page showed it.
 */
import { BROWSER_SOURCE, type Settings } from '../../../shared';
import { createPagePlayer } from './browser-audio';
import { PageFrames } from './browser-frames';
import { StampOffset } from './camera-frames';
import { CaptureDelay } from './capture-delay';
import { createNoSignalCard } from './no-signal';
import { num } from './settings';
import type { SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';

/**
 * How long after the page showed a picture (or played a sound) it is shown here: the screencast's
 * PNG frames and the page's sound chunks cross two processes and the engine first; on a heavily
 * loaded machine (load 20 on two cores) that took most of a second.
 */
const PAGE_DELAY_MS = 200;
const PAGE_DELAY_MAX_MS = 1000;

export const browserSource: SourceKind = {
  id: BROWSER_SOURCE.id,
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
    const card = createNoSignalCard(ctx);
    let width = BROWSER_SOURCE.defaults['width'] as number;
    let height = BROWSER_SOURCE.defaults['height'] as number;
    let version = 0;
    let problem: string | null = null;
    let disposed = false;
    // Picture and sound are paired by the page's stamps where the program's clock is known.
    const clock = new StampOffset();
    const delay = ctx.audio?.heardAt ? new CaptureDelay(performance.now(), PAGE_DELAY_MS, PAGE_DELAY_MAX_MS) : null;
    const frames = new PageFrames(ctx.gl, clock, () => delay, (err) =>
      ctx.warnOnce(`browser:${info.uuid}`, `Browser source "${info.name}": a frame could not be decoded (${String(err)}).`),
    );
    // Attached once, so the strip is there (silent) even before the page plays anything.
    const player = ctx.audio ? createPagePlayer(ctx.audio, delay ?? new CaptureDelay(performance.now())) : null;
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

    const detach =
      ctx.browser?.attach(info.uuid, {
        frame(frame) {
          if (frame.data === '') {
            // The page stopped: show nothing rather than its last picture when it starts again.
            player?.clear();
            pageRunning = false;
            stopStream();
            frames.clear();
            return;
          }
          pageRunning = true;
          wantStream();
          frames.push(frame);
        },
        problem(p) {
          problem = p;
          version++;
        },
        audio(data, capturedAt) {
          if (rerouted) player?.push(data, capturedAt !== null && delay ? clock.place(capturedAt, performance.now()) : null);
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
        return version + frames.version;
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
      render(draw, frame) {
        frames.upload(frame.index);
        const picture = frames.picture;
        if (picture) draw.texture(picture);
        else if (problem) card.render(draw, problem, width, height);
      },
      dispose() {
        disposed = true;
        detach?.();
        stopStream();
        player?.dispose();
        card.dispose();
        frames.dispose();
      },
    };
    rt.update(settings);
    return rt;
  },
};
