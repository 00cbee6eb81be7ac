/** What a GL context runs on, and whether that is a software rasterizer (no GPU). */

export function rendererName(gl: WebGL2RenderingContext): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' && name ? name : 'unknown';
}

/** SwiftShader, llvmpipe and the like: every pass costs CPU cores, so per-pixel work is what to save. */
export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}
