/** Item shaders. Quads come from gl_VertexID, so no vertex buffers exist to manage or lose. */

/** Unit-quad corner (0,0)(1,0)(0,1)(1,1) as a TRIANGLE_STRIP, mapped by u_xf to clip space. */
export const ITEM_VS = `#version 300 es
uniform mat3 u_xf;
uniform vec4 u_uv;
out vec2 v_uv;
void main() {
  vec2 c = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  vec3 p = u_xf * vec3(c, 1.0);
  gl_Position = vec4(p.xy, 0.0, 1.0);
  v_uv = mix(u_uv.xy, u_uv.zw, c);
}
`;

/** Textures hold premultiplied alpha (uploaded that way), so blending is ONE, ONE_MINUS_SRC_ALPHA. */
export const TEXTURE_FS = `#version 300 es
precision mediump float;
uniform sampler2D u_tex;
in vec2 v_uv;
out vec4 o;
void main() { o = texture(u_tex, v_uv); }
`;

export const COLOR_FS = `#version 300 es
precision mediump float;
uniform vec4 u_color;
out vec4 o;
void main() { o = u_color; }
`;

/** A single triangle covering the viewport, for full-target passes. */
export const FULLSCREEN_VS = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;
