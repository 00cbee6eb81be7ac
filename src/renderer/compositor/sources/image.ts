/**
 * image_source: fetches the file through the bridge's media URL, decodes it off the main thread
 * with createImageBitmap (premultiplied, as the blend expects) and keeps one texture. Until it
 * loads, or when it cannot, the item shows the 256×256 checker and the problem is logged once;
 * the engine tells the user about missing files separately.
 */
import { IMAGE_SOURCE, type Settings } from '../../../shared';
import { createTexture } from '../gl/target';
import { PLACEHOLDER_SIZE } from '../gl/pipeline';
import { str } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

async function decode(url: string, signal: AbortSignal): Promise<ImageBitmap> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  const blob = await res.blob();
  return createImageBitmap(blob, { premultiplyAlpha: 'premultiply', colorSpaceConversion: 'none' });
}

export const imageSource: SourceKind = {
  id: IMAGE_SOURCE.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const gl = ctx.gl;
    let file: string | null = null;
    let texture: WebGLTexture | null = null;
    let w = 0;
    let h = 0;
    let loading: AbortController | null = null;
    // Moves whenever the picture does (loaded, dropped), so an unchanged program is not redrawn.
    let version = 0;

    const drop = (): void => {
      loading?.abort();
      loading = null;
      gl.deleteTexture(texture);
      texture = null;
      w = 0;
      h = 0;
      version++;
    };

    const upload = async (bitmap: ImageBitmap): Promise<void> => {
      const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
      let src = bitmap;
      if (bitmap.width > max || bitmap.height > max) {
        // Keep the source size (transforms are in source pixels); only the texture is smaller.
        const k = max / Math.max(bitmap.width, bitmap.height);
        src = await createImageBitmap(bitmap, {
          resizeWidth: Math.max(1, Math.floor(bitmap.width * k)),
          resizeHeight: Math.max(1, Math.floor(bitmap.height * k)),
          resizeQuality: 'high',
        });
      }
      const t = createTexture(gl, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, src);
      // Mipmaps keep downscaled logos and watermarks from shimmering.
      gl.generateMipmap(gl.TEXTURE_2D);
      if (src !== bitmap) src.close();
      texture = t;
      w = bitmap.width;
      h = bitmap.height;
      version++;
    };

    const load = (path: string): void => {
      const ac = new AbortController();
      loading = ac;
      decode(ctx.mediaUrl(path), ac.signal)
        .then(async (bitmap) => {
          try {
            if (!ac.signal.aborted && !gl.isContextLost()) await upload(bitmap);
          } finally {
            bitmap.close();
          }
          if (loading === ac) loading = null;
        })
        .catch((err: unknown) => {
          if (ac.signal.aborted) return;
          if (loading === ac) loading = null;
          const why = err instanceof Error ? err.message : String(err);
          ctx.warnOnce(`image:${path}`, `Image source: "${path}" could not be loaded (${why}); showing a placeholder.`, 'notice');
        });
    };

    const rt: SourceRuntime = {
      get width() {
        return texture ? w : PLACEHOLDER_SIZE;
      },
      get height() {
        return texture ? h : PLACEHOLDER_SIZE;
      },
      get version() {
        return version;
      },
      update(s) {
        const next = str(s, 'file', IMAGE_SOURCE.defaults.file as string);
        if (next === file) return;
        file = next;
        drop();
        if (next) load(next);
      },
      render(draw) {
        draw.texture(texture ?? ctx.placeholder());
      },
      dispose() {
        drop();
      },
    };
    rt.update(settings);
    return rt;
  },
};
