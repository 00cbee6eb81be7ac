/** text_ft2_source_v2: text rasterized with Canvas2D; re-rastered only when settings change. */
import { TEXT_SOURCE, type FontSetting, type Settings } from '../../../shared';
import { createTexture } from '../gl/target';
import { bool, font, num, str } from './settings';
import { makeCanvas, rasterText, type TextStyle } from './text-raster';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

export function textStyle(s: Settings): TextStyle {
  const d = TEXT_SOURCE.defaults;
  return {
    text: str(s, 'text', d.text as string),
    font: font(s, 'font', d.font as FontSetting),
    color1: num(s, 'color1', d.color1 as number),
    color2: num(s, 'color2', num(s, 'color1', d.color2 as number)),
    outline: bool(s, 'outline', d.outline as boolean),
    outlineColor: num(s, 'outline_color', d.outline_color as number),
    outlineSize: Math.max(0, num(s, 'outline_size', d.outline_size as number)),
    dropShadow: bool(s, 'drop_shadow', d.drop_shadow as boolean),
  };
}

export const textSource: SourceKind = {
  id: TEXT_SOURCE.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const gl = ctx.gl;
    const canvas = makeCanvas(1, 1);
    let texture: WebGLTexture | null = null;
    let w = 0;
    let h = 0;
    let last = '';
    let settingsNow = settings;
    // Moves on every new raster: the picture changes only then.
    let version = 0;
    // A web font that finishes loading after the first raster would otherwise never show.
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    const onFonts = (): void => {
      last = '';
      rt.update(settingsNow);
    };
    fonts?.addEventListener('loadingdone', onFonts);
    const rt: SourceRuntime = {
      get width() {
        return w;
      },
      get height() {
        return h;
      },
      get version() {
        return version;
      },
      update(s) {
        settingsNow = s;
        const style = textStyle(s);
        const key = JSON.stringify(style);
        if (key === last) return;
        last = key;
        const size = rasterText(canvas, style, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number);
        w = size.width;
        h = size.height;
        version++;
        if (w === 0 || h === 0) return;
        texture ??= createTexture(gl, gl.LINEAR);
        gl.bindTexture(gl.TEXTURE_2D, texture);
        gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, canvas);
        gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      },
      render(draw) {
        if (texture && w > 0 && h > 0) draw.texture(texture);
      },
      dispose() {
        fonts?.removeEventListener('loadingdone', onFonts);
        gl.deleteTexture(texture);
        texture = null;
        canvas.width = 1;
        canvas.height = 1;
      },
    };
    rt.update(settings);
    return rt;
  },
};
