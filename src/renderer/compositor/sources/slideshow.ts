/**
 * slideshow (OBS's Image Slideshow): images decoded off the main thread (createImageBitmap), one
 * texture for the slide on show and the next one loaded ahead. Slides advance on a timer of their
 * own while the source is on program (the compositor skips drawing unchanged pictures, so drawing
 * cannot drive it); a hidden slideshow waits where it was. Media controls (media-link.ts): play/pause, next, previous,
 * restart, stop. A slide that cannot load is skipped and named once in the log. It has no
 * `version`: slides load asynchronously, and drawing each tick is cheap next to any video source.
 */
import { SLIDESHOW, type MediaAction, type MediaState, type MediaStatus, type Settings } from '../../../shared';
import { createTexture } from '../gl/target';
import type { MediaPlayer } from './media-link';
import { createNoSignalCard, type NoSignalCard } from './no-signal';
import { bool, num } from './settings';
import type { Draw, FrameInfo, SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';

/** How often the timer looks whether the slide time is up (slides are ≥ 50 ms). */
const TICK_MS = 25;

interface SlideSettings {
  files: string[];
  slideMs: number;
  loop: boolean;
  randomize: boolean;
  hide: boolean;
}

export function slideSettings(s: Settings): SlideSettings {
  const d = SLIDESHOW.defaults;
  const raw = Array.isArray(s['files']) ? (s['files'] as unknown[]) : [];
  const files = raw.flatMap((f) => {
    const v = typeof f === 'object' && f !== null ? (f as { value?: unknown }).value : f;
    return typeof v === 'string' && v ? [v] : [];
  });
  return {
    files,
    slideMs: Math.max(50, num(s, 'slide_time', d.slide_time as number)),
    loop: bool(s, 'loop', d.loop as boolean),
    randomize: bool(s, 'randomize', d.randomize as boolean),
    hide: bool(s, 'hide', d.hide as boolean),
  };
}

/** The slide after `index` of `count`: in order (null past the end without loop) or at random. */
export function nextSlide(index: number, count: number, s: Pick<SlideSettings, 'loop' | 'randomize'>, random = Math.random): number | null {
  if (count === 0) return null;
  if (s.randomize && count > 1) {
    const r = Math.floor(random() * (count - 1));
    return r >= index ? r + 1 : r;
  }
  if (index + 1 < count) return index + 1;
  return s.loop ? 0 : null;
}

interface Slide {
  path: string;
  texture: WebGLTexture | null;
  width: number;
  height: number;
  failed: boolean;
  abort: AbortController;
}

export const slideshowSource: SourceKind = {
  id: SLIDESHOW.id,
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
    return new SlideshowRuntime(settings, ctx, info);
  },
};

class SlideshowRuntime implements SourceRuntime, MediaPlayer {
  private s: SlideSettings;
  private index = 0;
  private state: MediaState = 'playing';
  /** performance.now() when the current slide went up. */
  private shownAt = 0;
  private active = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly slides = new Map<number, Slide>();
  private readonly card: NoSignalCard;
  private readonly detachLink: (() => void) | null;
  private w = 0;
  private h = 0;

  constructor(
    settings: Settings,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
  ) {
    this.s = slideSettings(settings);
    this.card = createNoSignalCard(ctx);
    this.detachLink = ctx.media?.attach(info.uuid, this) ?? null;
    this.show(0);
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  get width(): number {
    return this.w || (this.s.files.length === 0 ? this.ctx.baseWidth() : 0);
  }

  get height(): number {
    return this.h || (this.s.files.length === 0 ? this.ctx.baseHeight() : 0);
  }

  update(settings: Settings): void {
    const prev = this.s;
    this.s = slideSettings(settings);
    if (JSON.stringify(prev.files) !== JSON.stringify(this.s.files)) {
      this.dropAll();
      this.state = 'playing';
      this.show(0);
    }
  }

  setActive(active: boolean): void {
    this.active = active;
    // A slideshow coming back on program shows its current slide for a full slide time.
    if (active) this.shownAt = performance.now();
  }

  render(draw: Draw, _frame: FrameInfo): void {
    if (this.s.files.length === 0) {
      this.card.render(draw, 'no images chosen', this.width, this.height);
      return;
    }
    if (this.state === 'stopped' || (this.state === 'ended' && this.s.hide)) return;
    const slide = this.slides.get(this.index);
    if (slide?.texture) draw.texture(slide.texture);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.detachLink?.();
    this.dropAll();
    this.card.dispose();
  }

  status(): MediaStatus {
    return { inputUuid: this.info.uuid, state: this.state, durationMs: null, cursorMs: null, rate: 1 };
  }

  action(action: MediaAction): void {
    const count = this.s.files.length;
    switch (action) {
      case 'play':
        if (this.state === 'stopped' || this.state === 'ended') this.show(0);
        this.state = 'playing';
        this.shownAt = performance.now();
        break;
      case 'pause':
        if (this.state === 'playing') this.state = 'paused';
        break;
      case 'restart':
        this.state = 'playing';
        this.show(0);
        break;
      case 'stop':
        this.state = 'stopped';
        this.show(0);
        break;
      case 'next': {
        const next = nextSlide(this.index, count, { loop: true, randomize: this.s.randomize });
        if (next !== null) this.show(next);
        break;
      }
      case 'previous':
        if (count > 0) this.show((this.index - 1 + count) % count);
        break;
      case 'seek':
        break;
    }
  }

  private tick(): void {
    if (!this.active || this.state !== 'playing' || performance.now() - this.shownAt < this.s.slideMs) return;
    const next = nextSlide(this.index, this.s.files.length, this.s);
    if (next === null) {
      this.state = 'ended';
        return;
    }
    this.show(next);
  }

  /** Makes `index` the slide on show, loads it and the one after, and lets the rest go. */
  private show(index: number): void {
    this.index = index;
    this.shownAt = performance.now();
    const count = this.s.files.length;
    if (count === 0) return;
    // The slides either side stay loaded, so next and previous show at once.
    const keep = new Set([index, (index + 1) % count, (index - 1 + count) % count]);
    for (const [i, slide] of this.slides) {
      if (keep.has(i)) continue;
      this.drop(slide);
      this.slides.delete(i);
    }
    for (const i of keep) if (!this.slides.has(i)) this.load(i);
    const cur = this.slides.get(index);
    if (cur?.texture) {
      this.w = cur.width;
      this.h = cur.height;
    }
  }

  private load(i: number): void {
    const path = this.s.files[i]!;
    const slide: Slide = { path, texture: null, width: 0, height: 0, failed: false, abort: new AbortController() };
    this.slides.set(i, slide);
    const gl = this.ctx.gl;
    void (async () => {
      try {
        const res = await fetch(this.ctx.mediaUrl(path), { signal: slide.abort.signal });
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        const bitmap = await createImageBitmap(await res.blob(), { premultiplyAlpha: 'premultiply', colorSpaceConversion: 'none' });
        if (slide.abort.signal.aborted || gl.isContextLost()) {
          bitmap.close();
          return;
        }
        const t = createTexture(gl, gl.LINEAR);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
        slide.texture = t;
        slide.width = bitmap.width;
        slide.height = bitmap.height;
        bitmap.close();
        if (this.slides.get(this.index) === slide) {
          this.w = slide.width;
          this.h = slide.height;
              }
      } catch (err) {
        if (slide.abort.signal.aborted) return;
        slide.failed = true;
        this.ctx.warnOnce(`slide:${this.info.uuid}:${path}`, `Slideshow "${this.info.name}": ${path} could not be shown (${err instanceof Error ? err.message : String(err)}).`, 'notice');
      }
    })();
  }

  private drop(slide: Slide): void {
    slide.abort.abort();
    this.ctx.gl.deleteTexture(slide.texture);
    slide.texture = null;
  }

  private dropAll(): void {
    for (const slide of this.slides.values()) this.drop(slide);
    this.slides.clear();
    this.w = 0;
    this.h = 0;
  }
}
