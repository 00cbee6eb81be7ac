/** Shader compile/link with errors that say which stage failed and why. */
export function createProgram(gl: WebGL2RenderingContext, vs: string, fs: string): WebGLProgram {
  const v = compile(gl, gl.VERTEX_SHADER, vs);
  const f = compile(gl, gl.FRAGMENT_SHADER, fs);
  const p = gl.createProgram();
  gl.attachShader(p, v);
  gl.attachShader(p, f);
  gl.linkProgram(p);
  gl.deleteShader(v);
  gl.deleteShader(f);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS) && !gl.isContextLost()) {
    const log = gl.getProgramInfoLog(p);
    gl.deleteProgram(p);
    throw new Error(`Compositor shader program failed to link: ${log ?? 'no log'}`);
  }
  return p;
}

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type);
  if (!s) throw new Error('The GL context could not create a shader (context lost?).');
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    const log = gl.getShaderInfoLog(s);
    gl.deleteShader(s);
    throw new Error(`Compositor ${type === gl.VERTEX_SHADER ? 'vertex' : 'fragment'} shader failed: ${log ?? 'no log'}`);
  }
  return s;
}

export function uniform(gl: WebGL2RenderingContext, p: WebGLProgram, name: string): WebGLUniformLocation | null {
  return gl.getUniformLocation(p, name);
}
