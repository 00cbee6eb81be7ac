/**
 * OBS's obs_stinger_transition in the compositor: the stinger video plays in a <video> element
 * through the media source's decode path (VideoFrames: one upload per tick), and is drawn over
 * program, stretched to the canvas with its own alpha; under it program shows the old scene until
 * the video's shown frame reaches the transition point and the new one after it, and the transition
 * lasts until the video has played out. Its sound goes into every track (and the master bus, for its
 * meter) (not for audio_monitoring 1, "monitor only"); its pictures are held for that sound as a
 * media source's are (VideoFrames' hold: the render-to-heard lead), so its whoosh meets its picture.
 */
import { stingerPointMs, type Settings } from '../../../shared';
import type { AudioGraph } from '../../audio';
import { VideoFrames } from '../sources/video-frames';
import type { TransitionAssets } from './assets';
import type { TransitionKind } from './types';

/** One stinger file, loaded ahead so a switch starts it at once. */
export class StingerPlayer {
  readonly video: HTMLVideoElement;
  private readonly frames: VideoFrames;
  private readonly out: GainNode | null = null;
  private node: MediaElementAudioSourceNode | null = null;
  private startedAt = 0;
  private tick = 0;
  private disposed = false;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    url: string,
    audio: AudioGraph | null,
    warnOnce: (key: string, message: string, reach?: 'notice') => void,
    renderLead: () => number | null = () => null,
  ) {
    const v = document.createElement('video');
    v.crossOrigin = 'anonymous';
    v.playsInline = true;
    v.preload = 'auto';
    v.muted = !audio;
    v.onerror = () => warnOnce(`stinger:${url}`, `Compositor: the stinger video could not be played (${v.error?.message ?? 'unknown error'}).`, 'notice');
    v.src = url;
    this.video = v;
    // Held only while its sound goes into the program's graph.
    this.frames = new VideoFrames(gl, v, false, () => (this.node && !v.muted ? renderLead() : null));
    if (audio) {
      try {
        this.node = audio.context.createMediaElementSource(v);
        this.out = new GainNode(audio.context, { gain: 0 });
        this.node.connect(this.out);
        // As OBS mixes a transition's sound into every track: each track bus carries it, and the
        // master bus too, for the master meter.
        this.out.connect(audio.master);
        for (const track of audio.tracks) this.out.connect(track);
      } catch (err) {
        v.muted = true;
        console.warn('Compositor: the stinger plays without sound.', err);
      }
    }
  }

  /** The video's length once its metadata is in, else null. */
  get durationMs(): number | null {
    const d = this.video.duration;
    return Number.isFinite(d) && d > 0 ? d * 1000 : null;
  }

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /**
   * Whether the shown frame has reached the transition point. OBS cuts at the video's own time, so
   * a video that starts late still cuts under the same frame (a held picture lags the element's
   * time, so the frame shown is what counts); one that never plays cuts a second late.
   */
  passed(pointMs: number): boolean {
    return this.frames.shownTime * 1000 >= pointMs || this.elapsedMs >= pointMs + 1000;
  }

  /** The video played out and its last frames were shown (or, never playing, its length and two seconds have passed). */
  finished(durationMs: number): boolean {
    return (this.video.ended && this.frames.waiting === 0) || this.elapsedMs >= durationMs + 2000;
  }

  start(monitoring: number): void {
    this.startedAt = performance.now();
    this.frames.clear();
    if (this.out) this.out.gain.value = monitoring === 1 ? 0 : 1;
    const v = this.video;
    v.currentTime = 0;
    v.play().catch((err: unknown) => {
      // A page that may not play sound yet still shows the picture.
      if (err instanceof DOMException && err.name === 'NotAllowedError' && !v.muted) {
        v.muted = true;
        void v.play().catch(() => {});
      }
    });
  }

  stop(): void {
    this.video.pause();
    if (this.out) this.out.gain.value = 0;
    this.frames.clear();
  }

  /** The newest frame as a premultiplied texture, or null before the first. */
  picture(): { texture: WebGLTexture; width: number; height: number } | null {
    const gl = this.gl;
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
    this.frames.upload(++this.tick);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    const texture = this.frames.picture;
    return texture ? { texture, width: this.frames.width, height: this.frames.height } : null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    this.frames.dispose();
    this.node?.disconnect();
    this.out?.disconnect();
  }
}

const pathOf = (s: Settings): string => (typeof s['path'] === 'string' ? s['path'] : '');

export const stingerTransition: TransitionKind = {
  id: 'obs_stinger_transition',
  start(s, assets, fps, announcedMs) {
    const player = assets?.stinger(pathOf(s));
    const point = stingerPointMs(s, fps);
    if (!player) return point;
    player.start(typeof s['audio_monitoring'] === 'number' ? s['audio_monitoring'] : 0);
    // The engine's measure of the video (ffprobe) keeps every renderer and its events in step.
    return Math.max(point, announcedMs ?? player.durationMs ?? point);
  },
  stop(assets: TransitionAssets | null) {
    assets?.stopStingers();
  },
  finished(s, assets, durationMs) {
    const player = assets?.stinger(pathOf(s)) ?? null;
    return player ? player.finished(durationMs) : true;
  },
  mix(fx, from, to, out, _t, s, assets, fps) {
    const player = assets?.stinger(pathOf(s)) ?? null;
    // This tick's frame first: the cut follows the frame drawn over it.
    const pic = player?.picture() ?? null;
    const cut = player ? player.passed(stingerPointMs(s, fps)) : true;
    fx.copy(cut ? to : from, out);
    if (pic) fx.copy(pic, out, {}, { blend: true });
  },
};
