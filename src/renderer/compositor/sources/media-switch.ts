/**
 * The ffmpeg_source kind's runtime: a local file's player (./media.ts) or, with is_local_file
 * false, a network stream's (./network-stream.ts). Flipping is_local_file (or a new URL) replaces
 * the player inside, so the compositor keeps one runtime per input as for every other kind.
 */
import { FFMPEG_SOURCE, type Settings } from '../../../shared';
import { MediaRuntime, mediaSettings } from './media';
import { NetworkStreamRuntime } from './network-stream';
import type { PointOp } from '../filters/types';
import type { DirectTexture, Draw, FrameInfo, SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';

export const mediaSource: SourceKind = {
  id: FFMPEG_SOURCE.id,
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
    return new MediaSwitch(settings, ctx, info);
  },
};

class MediaSwitch implements SourceRuntime {
  private inner: MediaRuntime | NetworkStreamRuntime;
  private active = false;
  /** Keeps the version moving forward across a swap of players. */
  private base = 0;

  constructor(
    settings: Settings,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
  ) {
    this.inner = this.make(settings);
  }

  get width(): number {
    return this.inner.width;
  }

  get height(): number {
    return this.inner.height;
  }

  get version(): number {
    return this.base + this.inner.version;
  }

  update(settings: Settings): void {
    const s = mediaSettings(settings);
    const network = this.inner instanceof NetworkStreamRuntime;
    if (s.local === !network) {
      if (this.inner instanceof NetworkStreamRuntime) this.inner.retarget(s.url);
      else this.inner.update(settings);
      return;
    }
    this.base += this.inner.version + 1;
    this.inner.dispose();
    this.inner = this.make(settings);
    if (this.active) (this.inner as SourceRuntime).setActive?.(true);
  }

  setActive(active: boolean): void {
    this.active = active;
    (this.inner as SourceRuntime).setActive?.(active);
  }

  render(draw: Draw, frame: FrameInfo): void {
    this.inner.render(draw, frame);
  }

  texture(frame: FrameInfo, lead: PointOp | null = null): DirectTexture | null {
    return this.inner.texture(frame, lead);
  }

  dispose(): void {
    this.inner.dispose();
  }

  private make(settings: Settings): MediaRuntime | NetworkStreamRuntime {
    const s = mediaSettings(settings);
    return s.local ? new MediaRuntime(settings, this.ctx, this.info) : new NetworkStreamRuntime(s.url, this.ctx, this.info);
  }
}
