/**
 * Pictures transitions draw with, per GL context: luma images, loaded through the engine's media
 * route (`luma_wipes/<name>`) as soon as a document names them (the current transition or a scene's
 * override), so a wipe has its picture when it starts. Dropped with the context.
 */
import { LUMA_WIPES_PREFIX, LUMA_WIPE_TRANSITION, STINGER_TRANSITION, settingsInUse, type Settings, type StudioDocument } from '../../../shared';
import type { AudioGraph } from '../../audio';
import { ImageTexture } from '../filters/image-texture';
import type { FilterContext } from '../filters/types';
import { StingerPlayer } from './stinger';

/** The file a luma wipe's settings name (OBS's luma_image), or its default. */
export function lumaImageOf(settings: Settings): string {
  const v = settings['luma_image'];
  return typeof v === 'string' && v ? v : (LUMA_WIPE_TRANSITION.defaults['luma_image'] as string);
}

export class TransitionAssets {
  private readonly images = new Map<string, ImageTexture>();
  private readonly stingers = new Map<string, StingerPlayer>();
  private readonly ctx: FilterContext;

  constructor(
    gl: WebGL2RenderingContext,
    mediaUrl: (path: string) => string,
    warnOnce: (key: string, message: string, reach?: 'notice') => void,
    /** The program's audio graph (created after the GL pipeline, so asked for when needed). */
    private readonly audio: () => AudioGraph | null = () => null,
    /** How much later the program hears what its graph renders now, ms (SourceAudioPort.renderLead). */
    private readonly renderLead: () => number | null = () => null,
  ) {
    this.ctx = { gl, baseWidth: () => 0, baseHeight: () => 0, fps: () => 30, mediaUrl, warnOnce };
  }

  /** The player of a stinger file (created, and loading, on first ask); null for no file. */
  stinger(path: string): StingerPlayer | null {
    if (!path) return null;
    let p = this.stingers.get(path);
    if (!p) {
      p = new StingerPlayer(this.ctx.gl, this.ctx.mediaUrl(path), this.audio(), this.ctx.warnOnce, this.renderLead);
      this.stingers.set(path, p);
    }
    return p;
  }

  stopStingers(): void {
    for (const p of this.stingers.values()) p.stop();
  }

  /** A luma image's texture (null until it has loaded); asking starts the load. */
  luma(settings: Settings): WebGLTexture | null {
    const path = LUMA_WIPES_PREFIX + lumaImageOf(settings);
    let img = this.images.get(path);
    if (!img) {
      img = new ImageTexture(this.ctx);
      img.load(path);
      this.images.set(path, img);
    }
    return img.texture;
  }

  /** Starts loading what the document's transitions will need (each kind with its own settings). */
  prepare(doc: StudioDocument): void {
    const luma = settingsInUse(doc, LUMA_WIPE_TRANSITION.id);
    if (luma) this.luma(luma);
    const file = settingsInUse(doc, STINGER_TRANSITION.id)?.['path'];
    if (typeof file === 'string') this.stinger(file);
  }

  dispose(): void {
    for (const img of this.images.values()) img.dispose();
    this.images.clear();
    for (const p of this.stingers.values()) p.dispose();
    this.stingers.clear();
  }
}
