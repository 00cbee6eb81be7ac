#!/usr/bin/env node
/**
 * bench/video-upload — what each way of getting a playing 1080p H.264 <video> frame into a WebGL2
 * texture costs in a bare page of Debian's Chromium, on the GL backends server mode can choose.
 *
 *   node bench/video-upload.mjs [--seconds 6] [--backends swiftshader,llvmpipe] [--paths a,b]
 *
 * A headless Chromium (server mode's flags, one GL backend per launch, driven over
 * --remote-debugging-pipe, so no driver slows the page) plays a looping 1080p30 testsrc2 clip,
 * muted, from a local HTTP server. Ticks run at 30 Hz as the compositor's do; on each tick where
 * requestVideoFrameCallback said a new frame came, the path under test uploads it and gl.finish()
 * waits for the GPU process, so "call ms" is what the compositor's tick blocks on in the upload
 * call itself and "finish ms" what the GPU process still had to do. "decode only" plays with no
 * uploads: the decoder's own CPU. Chromium's CPU (renderer, GPU process, the rest) comes from /proc
 * over each path's window. The scale rows draw one full-screen 1080p shader pass, and read back a
 * 720p NV12 frame (320×1080 RGBA), with the video paused. Afterwards every path uploads the same
 * paused frame and its pixels are compared with texImage2D(video)'s (mean absolute difference per
 * channel, 0-255; the 720p paths against texImage2D(video) drawn to 720p with LINEAR, which is what
 * the compositor does with a full-canvas item).
 * The I420 path copies the decoder's planes (VideoFrame.copyTo) and converts them in one shader pass
 * at 1080p, as the studio does in software GL (src/renderer/compositor/sources/yuv-planes.ts); the
 * *fetch rows repeat the scale passes reading whole texels (texelFetch), as sharpness now does
 * (pass1080bare: without clamping taps at the edges). pass1080yuv converts planes with a colour grade
 * in one pass (the studio's conversion with its first filter in it), pass1080yuvx9 adds a 3×3
 * kernel over nine converted, graded taps (what folding sharpness in too would cost). The sharp*
 * rows are sharpness_filter_v2's own shader with its flat-area test in each form measured (booleans
 * cost llvmpipe 2.5 times the pass); the conv* rows the studio's own planes conversion, with
 * color_filter_v2 in it and without. MSTP-tex uploads a camera-like track's
 * frames with texImage2D each time, where src/renderer/compositor/sources/frame-texture.ts uses
 * texSubImage2D after the first (docs/PERFORMANCE.md says why it stays so).
 * RGBA has Chromium convert the frame (VideoFrame.copyTo with format RGBA, libyuv) and uploads the
 * bytes; on llvmpipe that needs decoded frames kept in CPU memory, which the llvmpipeNoGmb backend
 * asks for (--disable-gpu-memory-buffer-video-frames). itemBlit copies a 1080p picture into a
 * target with blitFramebuffer, as the compositor now does for an opaque item laid 1:1.
 * The clip's element is not in the page: shown there, llvmpipe spent about a core compositing it
 * (rows measured before 2026-12-07 include that).
 * Results print as a table and are saved to bench/results/video-upload-<date>.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { machine } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const seconds = Number(arg('--seconds', '6')) || 6;
const backends = arg('--backends', 'swiftshader,llvmpipe').split(',');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const GL_FLAGS = {
  swiftshader: [],
  llvmpipe: ['--use-angle=gl-egl'],
  // Decoded frames stay in CPU memory (no GPU memory buffers), as they do with SwiftShader.
  llvmpipeNoGmb: ['--use-angle=gl-egl', '--disable-gpu-memory-buffer-video-frames'],
};
const ALL_PATHS = ['none', 'texImage2D', 'texImage2D-noCSC', 'texSubImage2D', 'texSubImage2D-noCSC', 'storage+sub', 'VideoFrame', 'I420', 'RGBA', 'MSTP', 'MSTP-tex', 'bitmap720', 'bitmap1080', 'pass1080', 'pass1080x9', 'pass1080fetch', 'pass1080x9fetch', 'pass1080bare', 'sharpBool', 'sharpMix', 'sharpEq', 'sharpNoFlat', 'sharp', 'conv', 'convBranches', 'convSteps', 'convPlain', 'convPlainFlat', 'pass1080yuv', 'pass1080yuvx9', 'item', 'itemNearest', 'itemOpaque', 'itemFetch', 'itemBlit', 'item720', 'itemBlit720', 'pack', 'nv12read'];
const paths = arg('--paths', ALL_PATHS.join(',')).split(',');
const LABEL = {
  none: 'decode only (no upload)',
  texImage2D: 'texImage2D(video) each frame',
  texSubImage2D: 'texSubImage2D(video), mutable texture (today)',
  'texImage2D-noCSC': 'texImage2D(video), UNPACK_COLORSPACE_CONVERSION NONE',
  'texSubImage2D-noCSC': 'texSubImage2D(video), UNPACK_COLORSPACE_CONVERSION NONE',
  'storage+sub': 'texSubImage2D(video), texStorage2D texture',
  VideoFrame: 'texSubImage2D(new VideoFrame(video))',
  MSTP: 'texSubImage2D(VideoFrame from MediaStreamTrackProcessor)',
  'MSTP-tex': 'texImage2D(VideoFrame from MediaStreamTrackProcessor) each frame',
  RGBA: 'VideoFrame.copyTo({ format: RGBA }) (the decoder\'s conversion) + texSubImage2D of the bytes',
  I420: 'VideoFrame.copyTo (I420 planes) + 3 R8 uploads + YUV→RGB pass at 1080p',
  bitmap720: 'createImageBitmap(video, 1280×720) + texSubImage2D',
  bitmap1080: 'createImageBitmap(video) + texSubImage2D',
  pass1080: 'scale: one 1080p full-screen colour-matrix pass (paused)',
  pass1080x9: 'scale: one 1080p 3×3-kernel pass, as sharpness (paused)',
  pass1080fetch: 'scale: the colour-matrix pass reading by texelFetch (paused)',
  pass1080x9fetch: 'scale: the 3×3-kernel pass reading by texelFetch (paused)',
  pass1080bare: 'scale: the 3×3 pass by texelFetch without the edge clamp (paused)',
  sharpBool: 'sharpness_filter_v2 as it was: its flat-area test in booleans (vector ==, a select)',
  sharpMix: 'that test in booleans, applied by mix() instead of a select',
  sharpEq: 'that test in booleans by all(equal())',
  sharpNoFlat: 'sharpness without its flat-area test (for scale)',
  sharp: 'sharpness_filter_v2 now: the flat-area test in floats (largest channel differences)',
  conv: "the studio's planes conversion with color_filter_v2 run in it, its grade one matrix and offset, the layout compiled in (I420)",
  convBranches: 'that conversion with uniform branches for NV12 and mirror, as before session 16',
  convSteps: 'that conversion with the grade step by step, as it was before',
  convPlain: "the studio's planes conversion alone (uniform branches for NV12 and mirror)",
  convPlainFlat: 'the conversion alone without uniform branches (I420 only, mirror by arithmetic)',
  item: "the studio's item draw at 1080p, 1:1: texture() with LINEAR filtering, blended over the target",
  itemNearest: 'that draw with NEAREST filtering (the same pixels where texels meet pixels 1:1)',
  itemOpaque: 'that draw (LINEAR) without blending',
  itemBlit: 'that picture copied by blitFramebuffer (same size, no scaling): what an opaque 1:1 item is now',
  item720: 'the item draw of the 1080p picture scaled to 1280×720 (LINEAR, blended)',
  itemBlit720: 'the same scaled by blitFramebuffer with LINEAR',
  itemFetch: 'that draw by texelFetch at the fragment, without blending',
  pack: "the studio's NV12 pack of a 1080p frame (luma and chroma passes)",
  pass1080yuv: 'scale: YUV planes → RGB with a colour grade in one pass, as the studio now does (texelFetch)',
  pass1080yuvx9: 'scale: that pass with a 3×3 kernel over nine converted, graded taps (a fused sharpness)',
  nv12read: 'scale: readPixels of 720p NV12 (paused)',
};

const work = mkdtempSync(path.join(tmpdir(), 'bench-video-upload-'));
const clip = path.join(work, 'clip.mp4');
execFileSync(FFMPEG, [
  '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=10',
  '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-b:v', '6000k', '-g', '60', '-movflags', '+faststart', clip,
]);

// The page and the clip, with range requests (a <video> seeks with them).
const server = http.createServer((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title><body></body>');
    return;
  }
  if (req.url !== '/clip.mp4') return void res.writeHead(404).end();
  const size = statSync(clip).size;
  const m = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '');
  if (!m) {
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size, 'accept-ranges': 'bytes' });
    return void createReadStream(clip).pipe(res);
  }
  const start = m[1] ? Number(m[1]) : 0;
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  res.writeHead(206, { 'content-type': 'video/mp4', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' });
  createReadStream(clip, { start, end }).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- /proc: Chromium's CPU by process type ------------------------------------------------------

function procs(rootPid) {
  const all = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const text = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      all.push({ pid: Number(d), ppid: Number(f[1]), type, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      // Gone.
    }
  }
  const out = [];
  const walk = (pid) => {
    const self = all.find((p) => p.pid === pid);
    if (self) out.push(self);
    for (const c of all.filter((p) => p.ppid === pid)) walk(c.pid);
  };
  walk(rootPid);
  return out;
}

function cpu(rootPid) {
  const g = { renderer: 0, gpu: 0, other: 0 };
  for (const p of procs(rootPid)) {
    if (p.type === 'renderer') g.renderer += p.ms;
    else if (p.type === 'gpu-process') g.gpu += p.ms;
    else g.other += p.ms;
  }
  return g;
}

// ---- CDP over a pipe ----------------------------------------------------------------------------

function cdpClient(out, input) {
  let id = 0;
  let buf = Buffer.alloc(0);
  const pending = new Map();
  input.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (let end = buf.indexOf(0); end >= 0; end = buf.indexOf(0)) {
      const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
      buf = buf.subarray(end + 1);
      const p = msg.id !== undefined && pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    }
  });
  return (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, { resolve, reject });
      out.write(`${JSON.stringify({ id: n, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
}

// ---- the page side (serialised into the page) ---------------------------------------------------

async function setup() {
  const canvas = document.createElement('canvas');
  canvas.width = 1280;
  canvas.height = 720;
  const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  const v = document.createElement('video');
  v.muted = true;
  v.loop = true;
  v.playsInline = true;
  v.crossOrigin = 'anonymous';
  v.src = `${location.origin}/clip.mp4`;
  // Not in the page: shown there, a 1080p video costs llvmpipe about a core of compositing (the
  // studio never shows its elements either).
  await v.play();
  while (v.readyState < 2 || v.videoWidth === 0) await new Promise((r) => setTimeout(r, 20));
  const sh = (type, src) => {
    const s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    return s;
  };
  const UV_VS = '#version 300 es\nin vec2 p; out vec2 uv; void main(){ uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }';
  const BARE_VS = '#version 300 es\nin vec2 p; void main(){ gl_Position = vec4(p, 0.0, 1.0); }';
  const program = (vs, fs) => {
    const p = gl.createProgram();
    gl.attachShader(p, sh(gl.VERTEX_SHADER, vs));
    gl.attachShader(p, sh(gl.FRAGMENT_SHADER, fs));
    gl.bindAttribLocation(p, 0, 'p');
    gl.linkProgram(p);
    return p;
  };
  // Roughly a colour filter's work per pixel: a matrix and a gamma-ish curve.
  const prog = program(UV_VS, '#version 300 es\nprecision mediump float; in vec2 uv; uniform sampler2D t; out vec4 o; void main(){ vec4 c = texture(t, uv); vec3 m = mat3(1.1,0.0,0.0, 0.0,1.0,0.05, 0.0,0.0,0.95) * c.rgb; o = vec4(pow(max(m, 0.0), vec3(0.9)), c.a); }');
  gl.useProgram(prog);
  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  const tex = () => {
    const t = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, t);
    for (const [k, val] of [[gl.TEXTURE_MIN_FILTER, gl.LINEAR], [gl.TEXTURE_MAG_FILTER, gl.LINEAR], [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE]]) gl.texParameteri(gl.TEXTURE_2D, k, val);
    return t;
  };
  const target = (w, h) => {
    const t = tex();
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, w, h);
    const fb = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, t, 0);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return { t, fb, w, h };
  };
  // A 3×3 kernel (nine taps per pixel), as sharpness_filter_v2 samples.
  const prog9 = program(UV_VS, '#version 300 es\nprecision mediump float; in vec2 uv; uniform sampler2D t; uniform vec2 px; out vec4 o; vec4 at(float x, float y){ return texture(t, uv + vec2(x, y) * px); } void main(){ vec4 e = at(0.0,0.0); vec4 edge = 8.0*e - at(0.0,-1.0) - at(-1.0,0.0) - at(1.0,0.0) - at(0.0,1.0) - at(-1.0,-1.0) - at(1.0,-1.0) - at(-1.0,1.0) - at(1.0,1.0); o = clamp(e + edge * 0.1, 0.0, 1.0); }');
  // The decoder's own planes converted in a shader (BT.709 limited range unless the frame says otherwise).
  const progYuv = program(UV_VS, '#version 300 es\nprecision mediump float; in vec2 uv; uniform sampler2D ty; uniform sampler2D tu; uniform sampler2D tv; uniform mat3 m; uniform vec3 off; out vec4 o; void main(){ vec3 yuv = vec3(texture(ty, uv).r, texture(tu, uv).r, texture(tv, uv).r) - off; o = vec4(clamp(m * yuv, 0.0, 1.0), 1.0); }');
  // The same two passes reading whole texels (texelFetch): no filtering work per tap.
  const progFetch = program(BARE_VS, '#version 300 es\nprecision mediump float; uniform sampler2D t; out vec4 o; void main(){ vec4 c = texelFetch(t, ivec2(gl_FragCoord.xy), 0); vec3 m = mat3(1.1,0.0,0.0, 0.0,1.0,0.05, 0.0,0.0,0.95) * c.rgb; o = vec4(pow(max(m, 0.0), vec3(0.9)), c.a); }');
  const prog9Bare = program(BARE_VS, '#version 300 es\nprecision mediump float; uniform sampler2D t; out vec4 o; vec4 at(int x, int y){ return texelFetch(t, ivec2(gl_FragCoord.xy) + ivec2(x, y), 0); } void main(){ vec4 e = at(0,0); vec4 edge = 8.0*e - at(0,-1) - at(-1,0) - at(1,0) - at(0,1) - at(-1,-1) - at(1,-1) - at(-1,1) - at(1,1); o = clamp(e + edge * 0.1, 0.0, 1.0); }');
  const prog9Fetch = program(BARE_VS, '#version 300 es\nprecision mediump float; uniform sampler2D t; out vec4 o; ivec2 hi; vec4 at(int x, int y){ return texelFetch(t, clamp(ivec2(gl_FragCoord.xy) + ivec2(x, y), ivec2(0), hi), 0); } void main(){ hi = textureSize(t, 0) - 1; vec4 e = at(0,0); vec4 edge = 8.0*e - at(0,-1) - at(-1,0) - at(1,0) - at(0,1) - at(-1,-1) - at(1,-1) - at(-1,1) - at(1,1); o = clamp(e + edge * 0.1, 0.0, 1.0); }');
  // Planes to a graded RGB picture (the studio's conversion with color_filter_v2 run in it), alone
  // and as nine taps of a 3×3 kernel: is one pass of that cheaper than the two it would replace?
  const YUV_HEAD = '#version 300 es\nprecision highp float; uniform sampler2D ty; uniform sampler2D tu; uniform sampler2D tv; out vec4 o; ivec2 hi;' +
    'vec3 rgb(ivec2 p){ p = clamp(p, ivec2(0), hi); ivec2 c = p >> 1; vec3 yuv = vec3(texelFetch(ty, p, 0).r, texelFetch(tu, c, 0).r, texelFetch(tv, c, 0).r) - vec3(0.0627, 0.5, 0.5);' +
    ' return clamp(mat3(1.164, 1.164, 1.164, 0.0, -0.213, 2.112, 1.793, -0.533, 0.0) * yuv, 0.0, 1.0); }' +
    'vec4 grade(vec3 c){ vec3 r = c * 1.1 + 0.02; float l = dot(r, vec3(0.299, 0.587, 0.114)); r = mix(vec3(l), r, 1.2); r = mat3(0.9,0.05,0.05, 0.05,0.9,0.05, 0.05,0.05,0.9) * r; r = r * vec3(1.0, 0.95, 0.9) + vec3(0.01); return vec4(clamp(r, 0.0, 1.0), 1.0); }' +
    'vec4 at(int x, int y){ return grade(rgb(ivec2(gl_FragCoord.xy) + ivec2(x, y))); }';
  const progYuvGrade = program(BARE_VS, `${YUV_HEAD} void main(){ hi = textureSize(ty, 0) - 1; o = at(0, 0); }`);
  const progYuvGrade9 = program(BARE_VS, `${YUV_HEAD} void main(){ hi = textureSize(ty, 0) - 1; vec4 e = at(0,0); vec4 edge = 8.0*e - at(0,-1) - at(-1,0) - at(1,0) - at(0,1) - at(-1,-1) - at(1,-1) - at(-1,1) - at(1,1); o = clamp(e + edge * 0.1, 0.0, 1.0); }`);
  // Filled with noise: a picture, not a flat colour, for whatever caches the rasterizer has.
  const yuvPlanes = [[1920, 1080], [960, 540], [960, 540]].map(([w, h]) => {
    const t = tex();
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R8, w, h);
    const noise = new Uint8Array(w * h);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, w, h, gl.RED, gl.UNSIGNED_BYTE, noise);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    return t;
  });

  // sharpness_filter_v2's shader (filters/sharpness.ts) and the forms its flat-area test was
  // measured in; drawn as the bench draws (a quad), with the studio's uniforms.
  const SHARP_HEAD = '#version 300 es\nprecision highp float; uniform sampler2D u_src; uniform vec2 u_texel; in vec2 v_uv; out vec4 o; uniform float u_sharpness; ivec2 hi;' +
    ' vec4 at(int x, int y) { return texelFetch(u_src, clamp(ivec2(gl_FragCoord.xy) + ivec2(x, y), ivec2(0), hi), 0); }' +
    ' float most(vec4 d) { d = abs(d); return max(max(d.r, d.g), max(d.b, d.a)); }' +
    ' void main() { hi = ivec2(round(1.0 / u_texel)) - 1; vec4 e = at(0, 0); vec4 b = at(0, -1); vec4 dd = at(-1, 0); vec4 f = at(1, 0); vec4 h = at(0, 1);' +
    ' vec4 edge = 8.0 * e - b - dd - f - h - at(-1, -1) - at(1, -1) - at(-1, 1) - at(1, 1); vec4 s = clamp(e + edge * u_sharpness, 0.0, 1.0);';
  const SHARP_TAIL = ' o.rgb = min(o.rgb, vec3(o.a)); }';
  const UV_QUAD_VS = '#version 300 es\nin vec2 p; out vec2 v_uv; void main(){ v_uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }';
  const sharpFs = (test) => program(UV_QUAD_VS, SHARP_HEAD + test + SHARP_TAIL);
  const SHARP = {
    sharpBool: sharpFs(' bool flat_ = (e == f || e == dd) && (e == b || e == h); o = flat_ ? e : s;'),
    sharpMix: sharpFs(' bool flat_ = (e == f || e == dd) && (e == b || e == h); o = mix(s, e, float(flat_));'),
    sharpEq: sharpFs(' bool flat_ = (all(equal(e, f)) || all(equal(e, dd))) && (all(equal(e, b)) || all(equal(e, h))); o = flat_ ? e : s;'),
    sharpNoFlat: sharpFs(' o = s;'),
    sharp: sharpFs(' float k = step(1e-7, max(min(most(e - f), most(e - dd)), min(most(e - b), most(e - h)))); o = s * k + e * (1.0 - k);'),
  };
  // The studio's planes conversion (sources/yuv-planes.ts), with color_filter_v2's PointOp in it or alone.
  const COLOR_POINT = `vec4 straight(vec4 c) { return vec4(c.a > 0.0 ? c.rgb / c.a : vec3(0.0), c.a); }
vec4 premul(vec4 c) { return vec4(c.rgb * c.a, c.a); }
uniform float cf_gamma; uniform float cf_contrast; uniform float cf_brightness; uniform float cf_saturation; uniform mat3 cf_hue; uniform float cf_opacity; uniform vec3 cf_mul; uniform vec3 cf_add;
vec4 point(vec4 p) {
  vec4 c = straight(p);
  vec3 rgb = max(c.rgb, vec3(0.0));
  if (cf_gamma != 1.0) rgb = pow(rgb, vec3(cf_gamma));
  GRADE
  return premul(vec4(clamp(rgb, 0.0, 1.0), c.a * cf_opacity));
}`;
  // The grade step by step, as color_filter_v2 ran it before session 15, and folded into one matrix
  // and offset (gradeAffine in filters/color-math.ts; here the hue matrix and cf_add stand in for them).
  const GRADE_STEPS = `rgb = rgb * cf_contrast + cf_brightness;
  float luma = dot(rgb, vec3(0.299, 0.587, 0.114));
  rgb = mix(vec3(luma), rgb, cf_saturation);
  rgb = cf_hue * rgb;
  rgb = rgb * cf_mul + cf_add;`;
  const GRADE_AFFINE = 'rgb = cf_hue * rgb + cf_add;';
  // branches: true as the studio was (uniform branches), false with the mirror by arithmetic, 'compiled'
  // as the studio is now (sources/yuv-planes.ts: I420 and no mirror compiled in).
  const convFs = (grade, branches) => `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_y; uniform sampler2D u_u; uniform sampler2D u_v;
uniform bool u_nv12; uniform bool u_mirror; uniform int u_flip; uniform ivec4 u_rect; uniform mat3 u_m; uniform vec3 u_off;
out vec4 o;
${grade ? COLOR_POINT.replace('GRADE', grade) : ''}
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  ${branches === 'compiled' ? '' : branches ? 'if (u_mirror) p.x = u_rect.z - 1 - p.x;' : 'p.x += u_flip * (u_rect.z - 1 - 2 * p.x);'}
  p += u_rect.xy;
  ivec2 c = p >> 1;
  ${branches === true ? 'vec2 uv = u_nv12 ? texelFetch(u_u, c, 0).rg : vec2(texelFetch(u_u, c, 0).r, texelFetch(u_v, c, 0).r);' : 'vec2 uv = vec2(texelFetch(u_u, c, 0).r, texelFetch(u_v, c, 0).r);'}
  vec3 yuv = vec3(texelFetch(u_y, p, 0).r, uv) - u_off;
  o = vec4(clamp(u_m * yuv, 0.0, 1.0), 1.0);${grade ? '\n  o = point(o);' : ''}
}`;
  const CONV = {
    conv: program(BARE_VS, convFs(GRADE_AFFINE, 'compiled')),
    convBranches: program(BARE_VS, convFs(GRADE_AFFINE, true)),
    convSteps: program(BARE_VS, convFs(GRADE_STEPS, true)),
    convPlain: program(BARE_VS, convFs(null, true)),
    convPlainFlat: program(BARE_VS, convFs(null, false)),
  };
  // The compositor's item draw (gl/shaders.ts TEXTURE_FS) and a texelFetch form of it, and the
  // NV12 pack (nv12.ts): rows 0-1079 of a 480×1620 target hold luma, the rest chroma.
  const ITEM = {
    tex: program(UV_QUAD_VS, '#version 300 es\nprecision mediump float; uniform sampler2D u_tex; in vec2 v_uv; out vec4 o; void main() { o = texture(u_tex, v_uv); }'),
    fetch: program(BARE_VS, '#version 300 es\nprecision mediump float; uniform sampler2D u_tex; out vec4 o; void main() { o = vec4(texelFetch(u_tex, ivec2(gl_FragCoord.xy), 0).rgb, 1.0); }'),
  };
  const PACK_K = 'const vec3 K = vec3(0.2126, 0.7152, 0.0722);';
  const PACK = {
    luma: program(BARE_VS, `#version 300 es\nprecision highp float; uniform highp sampler2D u_src; out vec4 o; ${PACK_K}
float luma(ivec2 p) { return (16.0 + 219.0 * dot(texelFetch(u_src, p, 0).rgb, K)) / 255.0; }
void main() { ivec2 p = ivec2(gl_FragCoord.xy); int x = p.x * 4; o = vec4(luma(ivec2(x, p.y)), luma(ivec2(x + 1, p.y)), luma(ivec2(x + 2, p.y)), luma(ivec2(x + 3, p.y))); }`),
    chroma: program(BARE_VS, `#version 300 es\nprecision highp float; uniform highp sampler2D u_src; uniform int u_h; uniform vec2 u_texel; out vec4 o; ${PACK_K}
vec2 chroma(vec3 c) { float y = dot(c, K); return vec2(128.0 + 224.0 * (c.b - y) / 1.8556, 128.0 + 224.0 * (c.r - y) / 1.5748) / 255.0; }
void main() { ivec2 p = ivec2(gl_FragCoord.xy); float y = float((p.y - u_h) * 2 + 1); float x = float(p.x * 4);
  o = vec4(chroma(texture(u_src, vec2(x + 1.0, y) * u_texel).rgb), chroma(texture(u_src, vec2(x + 3.0, y) * u_texel).rgb)); }`),
  };
  const B = { gl, v, prog, SHARP, CONV, ITEM, PACK, prog9, progFetch, prog9Fetch, prog9Bare, progYuv, progYuvGrade, progYuvGrade9, yuvPlanes, tex, target, renderer: String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) };
  // Three R8 plane textures sized from the frame's layout; the frame's colour space picks the matrix.
  B.i420Setup = (f) => {
    const w = f.visibleRect.width;
    const h = f.visibleRect.height;
    // This page converts I420 only (SwiftShader's frames); others (llvmpipe's NV12) skip the path.
    if (f.format !== 'I420') return null;
    const cw = (w + 1) >> 1;
    const ch = (h + 1) >> 1;
    const layout = [{ offset: 0, stride: w }, { offset: w * h, stride: cw }, { offset: w * h + cw * ch, stride: cw }];
    const sizes = [[w, h], [cw, ch], [cw, ch]];
    const planes = sizes.map(([pw, ph]) => {
      const p = tex();
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R8, pw, ph);
      // Chroma read per texel (NEAREST), as Chromium's own conversion: bilinear chroma was 1.03 off, this 0.49.
      if (pw !== sizes[0][0]) {
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      }
      return p;
    });
    const full = f.colorSpace?.fullRange === true;
    const bt601 = f.colorSpace?.matrix !== 'bt709';
    const [kr, kb] = bt601 ? [0.299, 0.114] : [0.2126, 0.0722];
    const kg = 1 - kr - kb;
    const ys = full ? 1 : 255 / 219;
    const cs = full ? 1 : 255 / 224;
    // Column-major mat3: R = y + (2-2kr) v; G = y - (2-2kb)kb/kg u - (2-2kr)kr/kg v; B = y + (2-2kb) u.
    const m = [ys, ys, ys, 0, -cs * (2 - 2 * kb) * kb / kg, cs * (2 - 2 * kb), cs * (2 - 2 * kr), -cs * (2 - 2 * kr) * kr / kg, 0];
    const off = [full ? 0 : 16 / 255, 128 / 255, 128 / 255];
    return { format: f.format, w, h, sizes, layout, planes, m, off, bytes: new Uint8Array(w * h + 2 * cw * ch) };
  };
  B.i420Draw = (y, fb1080) => {
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    y.planes.forEach((p, i) => {
      gl.activeTexture(gl.TEXTURE0 + i);
      gl.bindTexture(gl.TEXTURE_2D, p);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, y.sizes[i][0], y.sizes[i][1], gl.RED, gl.UNSIGNED_BYTE, y.bytes, y.layout[i].offset);
    });
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    const P = progYuv;
    gl.useProgram(P);
    ['ty', 'tu', 'tv'].forEach((n, i) => gl.uniform1i(gl.getUniformLocation(P, n), i));
    gl.uniformMatrix3fv(gl.getUniformLocation(P, 'm'), false, y.m);
    gl.uniform3fv(gl.getUniformLocation(P, 'off'), y.off);
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb1080.fb);
    gl.viewport(0, 0, fb1080.w, fb1080.h);
    gl.drawArrays(gl.TRIANGLES, 0, 6);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.activeTexture(gl.TEXTURE0);
    gl.useProgram(prog);
  };
  B.fresh = false;
  const watch = () =>
    v.requestVideoFrameCallback(() => {
      B.fresh = true;
      watch();
    });
  watch();
  // MediaStreamTrackProcessor keeps only the newest frame.
  if (typeof MediaStreamTrackProcessor === 'function' && typeof v.captureStream === 'function') {
    B.mstp = { frame: null, running: false };
    B.startMstp = () => {
      if (B.mstp.running) return;
      B.mstp.running = true;
      const track = v.captureStream().getVideoTracks()[0];
      const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
      B.mstp.stop = () => {
        B.mstp.running = false;
        reader.cancel();
        track.stop();
      };
      (async () => {
        while (B.mstp.running) {
          const { value, done } = await reader.read();
          if (done) break;
          B.mstp.frame?.close();
          B.mstp.frame = value;
        }
      })();
    };
  }
  window.B = B;
  return { renderer: B.renderer, videoWidth: v.videoWidth, videoHeight: v.videoHeight, mstp: !!B.mstp };
}

/** One path for `ms` at 30 Hz ticks; returns per-upload timings. */
async function measure(name, ms) {
  const { gl, v, tex, target } = window.B;
  const W = v.videoWidth;
  const H = v.videoHeight;
  const t = tex();
  let sized = false;
  const out720 = name === 'bitmap720';
  if (name === 'storage+sub' || name.startsWith('bitmap')) {
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, out720 ? 1280 : W, out720 ? 720 : H);
    sized = true;
  }
  const scaleRow0 = /^(pass1080|sharp|conv|item|pack)/.test(name) || name === 'nv12read';
  const scaleRow = scaleRow0;
  let fb1080 = name === 'I420' ? target(W, H) : null;
  let fbNv12 = null;
  const nv12 = new Uint8Array(320 * 1080 * 4);
  if (scaleRow) {
    v.pause();
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
    fb1080 = target(1920, 1080);
    fbNv12 = name === 'pack' ? target(480, 1620) : target(320, 1080);
  } else if (v.paused) await v.play();
  if (name === 'MSTP' || name === 'MSTP-tex') window.B.startMstp();
  let yuv = null;
  let rgba = null;
  let blitFbo = null;
  // The bench's noise-filled planes on units 0-2, under the program's sampler names.
  const bindPlanes = (p, names) => {
    window.B.yuvPlanes.forEach((plane, i) => {
      gl.activeTexture(gl.TEXTURE0 + i);
      gl.bindTexture(gl.TEXTURE_2D, plane);
      gl.uniform1i(gl.getUniformLocation(p, names[i]), i);
    });
    gl.activeTexture(gl.TEXTURE0);
  };
  // One full 1080p pass of the program in use, then the page's own texture and program back.
  const drawInto1080 = (w = 1920, h = 1080) => {
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb1080.fb);
    gl.viewport(0, 0, w, h);
    gl.drawArrays(gl.TRIANGLES, 0, 6);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.bindTexture(gl.TEXTURE_2D, t);
    gl.useProgram(window.B.prog);
  };
  const upload = async () => {
    gl.bindTexture(gl.TEXTURE_2D, t);
    switch (name) {
      case 'texImage2D':
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
        return 0;
      case 'texImage2D-noCSC':
        gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
        gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.BROWSER_DEFAULT_WEBGL);
        return 0;
      case 'texSubImage2D-noCSC':
        gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
        if (!sized) gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
        else gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, v);
        gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.BROWSER_DEFAULT_WEBGL);
        sized = true;
        return 0;
      case 'texSubImage2D':
        if (!sized) gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
        else gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, v);
        sized = true;
        return 0;
      case 'storage+sub':
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, v);
        return 0;
      case 'VideoFrame': {
        const f = new VideoFrame(v);
        if (!sized) gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, f);
        else gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, f);
        sized = true;
        f.close();
        return 0;
      }
      case 'I420': {
        const f = new VideoFrame(v);
        const a = performance.now();
        if (!yuv) yuv = window.B.i420Setup(f);
        if (!yuv) {
          f.close();
          return NaN;
        }
        await f.copyTo(yuv.bytes, { layout: yuv.layout });
        const copyMs = performance.now() - a;
        f.close();
        window.B.i420Draw(yuv, fb1080);
        return copyMs;
      }
      case 'RGBA': {
        const f = new VideoFrame(v);
        const a = performance.now();
        rgba ??= new Uint8Array(W * H * 4);
        await f.copyTo(rgba, { format: 'RGBA', colorSpace: 'srgb' });
        const copyMs = performance.now() - a;
        f.close();
        if (!sized) gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, W, H, 0, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
        else gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
        sized = true;
        return copyMs;
      }
      case 'MSTP':
      case 'MSTP-tex': {
        const f = window.B.mstp.frame;
        if (!f) return 0;
        window.B.mstp.frame = null;
        if (!sized || name === 'MSTP-tex') gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, f);
        else gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, f);
        sized = true;
        f.close();
        return 0;
      }
      case 'bitmap720':
      case 'bitmap1080': {
        const a = performance.now();
        const b = await createImageBitmap(v, out720 ? { resizeWidth: 1280, resizeHeight: 720, resizeQuality: 'low' } : {});
        const bitmapMs = performance.now() - a;
        gl.bindTexture(gl.TEXTURE_2D, t);
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, b);
        b.close();
        return bitmapMs;
      }
      case 'pass1080':
        gl.bindFramebuffer(gl.FRAMEBUFFER, fb1080.fb);
        gl.viewport(0, 0, 1920, 1080);
        gl.drawArrays(gl.TRIANGLES, 0, 6);
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        return 0;
      case 'pass1080x9':
      case 'pass1080fetch':
      case 'pass1080x9fetch':
      case 'pass1080bare': {
        const p = { pass1080x9: window.B.prog9, pass1080fetch: window.B.progFetch, pass1080x9fetch: window.B.prog9Fetch, pass1080bare: window.B.prog9Bare }[name];
        gl.useProgram(p);
        if (name === 'pass1080x9') gl.uniform2f(gl.getUniformLocation(p, 'px'), 1 / 1920, 1 / 1080);
        gl.bindFramebuffer(gl.FRAMEBUFFER, fb1080.fb);
        gl.viewport(0, 0, 1920, 1080);
        gl.drawArrays(gl.TRIANGLES, 0, 6);
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        gl.useProgram(window.B.prog);
        return 0;
      }
      case 'pass1080yuv':
      case 'pass1080yuvx9': {
        const p = name === 'pass1080yuv' ? window.B.progYuvGrade : window.B.progYuvGrade9;
        gl.useProgram(p);
        bindPlanes(p, ['ty', 'tu', 'tv']);
        drawInto1080();
        return 0;
      }
      case 'sharpBool':
      case 'sharpMix':
      case 'sharpEq':
      case 'sharpNoFlat':
      case 'sharp': {
        const p = window.B.SHARP[name];
        gl.useProgram(p);
        gl.uniform1i(gl.getUniformLocation(p, 'u_src'), 0);
        gl.uniform2f(gl.getUniformLocation(p, 'u_texel'), 1 / 1920, 1 / 1080);
        gl.uniform1f(gl.getUniformLocation(p, 'u_sharpness'), 0.08);
        drawInto1080();
        return 0;
      }
      case 'conv':
      case 'convBranches':
      case 'convSteps':
      case 'convPlain':
      case 'convPlainFlat': {
        const p = window.B.CONV[name];
        const u = (n) => gl.getUniformLocation(p, n);
        gl.useProgram(p);
        bindPlanes(p, ['u_y', 'u_u', 'u_v']);
        gl.uniform1i(u('u_nv12'), 0);
        gl.uniform1i(u('u_mirror'), 0);
        gl.uniform1i(u('u_flip'), 0);
        gl.uniform4i(u('u_rect'), 0, 0, 1920, 1080);
        gl.uniformMatrix3fv(u('u_m'), false, [1.164, 1.164, 1.164, 0, -0.213, 2.112, 1.793, -0.533, 0]);
        gl.uniform3fv(u('u_off'), [0.0627, 0.5, 0.5]);
        // A grade like the peer scene's: gamma left at 1 (skipped), the rest in use.
        gl.uniform1f(u('cf_gamma'), 1);
        gl.uniform1f(u('cf_contrast'), 1.1);
        gl.uniform1f(u('cf_brightness'), 0.02);
        gl.uniform1f(u('cf_saturation'), 1.2);
        gl.uniformMatrix3fv(u('cf_hue'), false, [0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.9]);
        gl.uniform1f(u('cf_opacity'), 1);
        gl.uniform3fv(u('cf_mul'), [1, 0.95, 0.9]);
        gl.uniform3fv(u('cf_add'), [0.01, 0.01, 0.01]);
        drawInto1080();
        return 0;
      }
      case 'item':
      case 'item720':
      case 'itemNearest':
      case 'itemOpaque':
      case 'itemFetch': {
        const p = name === 'itemFetch' ? window.B.ITEM.fetch : window.B.ITEM.tex;
        gl.useProgram(p);
        gl.uniform1i(gl.getUniformLocation(p, 'u_tex'), 0);
        const filter = name === 'itemNearest' ? gl.NEAREST : gl.LINEAR;
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, filter);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, filter);
        if (name === 'item' || name === 'itemNearest' || name === 'item720') {
          gl.enable(gl.BLEND);
          gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
        }
        if (name === 'item720') drawInto1080(1280, 720);
        else drawInto1080();
        gl.disable(gl.BLEND);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        return 0;
      }
      case 'itemBlit':
      case 'itemBlit720': {
        blitFbo ??= gl.createFramebuffer();
        gl.bindFramebuffer(gl.READ_FRAMEBUFFER, blitFbo);
        gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, t, 0);
        gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, fb1080.fb);
        if (name === 'itemBlit720') gl.blitFramebuffer(0, 0, 1920, 1080, 0, 0, 1280, 720, gl.COLOR_BUFFER_BIT, gl.LINEAR);
        else gl.blitFramebuffer(0, 0, 1920, 1080, 0, 0, 1920, 1080, gl.COLOR_BUFFER_BIT, gl.NEAREST);
        gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
        gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
        return 0;
      }
      case 'pack': {
        const { luma, chroma } = window.B.PACK;
        gl.bindFramebuffer(gl.FRAMEBUFFER, fbNv12.fb);
        gl.viewport(0, 0, 480, 1080);
        gl.useProgram(luma);
        gl.uniform1i(gl.getUniformLocation(luma, 'u_src'), 0);
        gl.drawArrays(gl.TRIANGLES, 0, 6);
        gl.viewport(0, 1080, 480, 540);
        gl.useProgram(chroma);
        gl.uniform1i(gl.getUniformLocation(chroma, 'u_src'), 0);
        gl.uniform1i(gl.getUniformLocation(chroma, 'u_h'), 1080);
        gl.uniform2f(gl.getUniformLocation(chroma, 'u_texel'), 1 / 1920, 1 / 1080);
        gl.drawArrays(gl.TRIANGLES, 0, 6);
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        gl.useProgram(window.B.prog);
        return 0;
      }
      case 'nv12read':
        gl.bindFramebuffer(gl.FRAMEBUFFER, fbNv12.fb);
        gl.readPixels(0, 0, 320, 1080, gl.RGBA, gl.UNSIGNED_BYTE, nv12);
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        return 0;
      default:
        return 0;
    }
  };
  // WebGL's finish() is only a flush in Chromium: reading one pixel of what was written waits for it.
  const syncFbo = gl.createFramebuffer();
  const onePx = new Uint8Array(4);
  const sync = () => {
    if (name.startsWith('pass1080') || name.startsWith('item') || name === 'I420') gl.bindFramebuffer(gl.FRAMEBUFFER, fb1080.fb);
    else if (name === 'nv12read' || name === 'pack') gl.bindFramebuffer(gl.FRAMEBUFFER, fbNv12.fb);
    else {
      gl.bindFramebuffer(gl.FRAMEBUFFER, syncFbo);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, t, 0);
    }
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, onePx);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  };
  if (scaleRow) sync();
  const q0 = v.getVideoPlaybackQuality();
  const rows = [];
  const t0 = performance.now();
  let next = t0;
  while (performance.now() - t0 < ms) {
    next += 1000 / 30;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else next = performance.now();
    if (name === 'none') continue;
    if (!scaleRow && !window.B.fresh && name !== 'MSTP' && name !== 'MSTP-tex') continue;
    if ((name === 'MSTP' || name === 'MSTP-tex') && !window.B.mstp.frame) continue;
    window.B.fresh = false;
    const a = performance.now();
    const asyncMs = await upload();
    const b = performance.now();
    if (sized || scaleRow || name === 'I420' || name.startsWith('texImage2D')) sync();
    const c = performance.now();
    if (!Number.isNaN(asyncMs)) rows.push([b - a - asyncMs, c - b, asyncMs]);
  }
  const wall = performance.now() - t0;
  const q1 = v.getVideoPlaybackQuality();
  if (name === 'MSTP' || name === 'MSTP-tex') window.B.mstp.stop();
  gl.deleteTexture(t);
  if (yuv) for (const p of yuv.planes) gl.deleteTexture(p);
  if (name === 'I420') {
    gl.deleteFramebuffer(fb1080.fb);
    gl.deleteTexture(fb1080.t);
  }
  gl.deleteFramebuffer(syncFbo);
  if (blitFbo) gl.deleteFramebuffer(blitFbo);
  if (scaleRow) {
    for (const f of [fb1080, fbNv12]) {
      gl.deleteFramebuffer(f.fb);
      gl.deleteTexture(f.t);
    }
    await v.play();
  }
  const err = gl.getError();
  return { rows, wall, decoded: q1.totalVideoFrames - q0.totalVideoFrames, dropped: q1.droppedVideoFrames - q0.droppedVideoFrames, glError: err };
}

/** Every path's picture of the same paused frame, against texImage2D(video)'s. */
async function pictures(names) {
  const { gl, v, tex, target } = window.B;
  v.pause();
  v.currentTime = 2.5;
  await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
  await new Promise((r) => setTimeout(r, 300));
  const W = v.videoWidth;
  const H = v.videoHeight;
  const fbo = gl.createFramebuffer();
  const read = (t, w, h) => {
    gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, t, 0);
    const px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return px;
  };
  const ref = tex();
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
  const refPx = read(ref, W, H);
  // The reference drawn to 720p with LINEAR, as a full-canvas item is drawn (pass-through shader).
  const vs = '#version 300 es\nin vec2 p; out vec2 uv; void main(){ uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }';
  const fs = '#version 300 es\nprecision highp float; in vec2 uv; uniform sampler2D t; out vec4 o; void main(){ o = texture(t, uv); }';
  const copy = gl.createProgram();
  for (const [type, src] of [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]]) {
    const s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    gl.attachShader(copy, s);
  }
  gl.bindAttribLocation(copy, 0, 'p');
  gl.linkProgram(copy);
  gl.useProgram(copy);
  const small = target(1280, 720);
  gl.bindFramebuffer(gl.FRAMEBUFFER, small.fb);
  gl.viewport(0, 0, 1280, 720);
  gl.bindTexture(gl.TEXTURE_2D, ref);
  gl.drawArrays(gl.TRIANGLES, 0, 6);
  const ref720 = read(small.t, 1280, 720);
  gl.useProgram(window.B.prog);
  const diff = (a, b) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
    return s / a.length;
  };
  // A blank read (an incomplete framebuffer) would make every path "equal": keep the reference's mean.
  const out = { referenceMean: Math.round((refPx.reduce((a, x) => a + x, 0) / refPx.length) * 100) / 100 };
  for (const name of names) {
    const t = tex();
    let w = W;
    let h = H;
    if (name === 'texImage2D') gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
    else if (name === 'texImage2D-noCSC' || name === 'texSubImage2D-noCSC') {
      gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
      gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.BROWSER_DEFAULT_WEBGL);
    } else if (name === 'texSubImage2D') {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, v);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, v);
    }
    else if (name === 'storage+sub') {
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, W, H);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, v);
    } else if (name === 'VideoFrame') {
      const f = new VideoFrame(v);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, f);
      f.close();
    } else if (name === 'RGBA') {
      const f = new VideoFrame(v);
      const px = new Uint8Array(W * H * 4);
      await f.copyTo(px, { format: 'RGBA', colorSpace: 'srgb' });
      f.close();
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, W, H, 0, gl.RGBA, gl.UNSIGNED_BYTE, px);
    } else if (name === 'I420') {
      const f = new VideoFrame(v);
      const y = window.B.i420Setup(f);
      if (!y) {
        out[name] = { skipped: `frames are ${f.format}` };
        f.close();
        gl.deleteTexture(t);
        continue;
      }
      await f.copyTo(y.bytes, { layout: y.layout });
      f.close();
      const fb = target(W, H);
      window.B.i420Draw(y, fb);
      for (const p of y.planes) gl.deleteTexture(p);
      gl.deleteTexture(t);
      out[name] = { size: `${W}x${H}`, meanAbsDiff: Math.round(diff(read(fb.t, W, H), refPx) * 100) / 100, colorSpace: JSON.stringify(f.colorSpace), m: y.m.map((x) => x.toFixed(3)).join(' ') };
      gl.deleteFramebuffer(fb.fb);
      gl.deleteTexture(fb.t);
      continue;
    } else if (name === 'bitmap720' || name === 'bitmap1080') {
      const small720 = name === 'bitmap720';
      const b = await createImageBitmap(v, small720 ? { resizeWidth: 1280, resizeHeight: 720, resizeQuality: 'low' } : {});
      gl.bindTexture(gl.TEXTURE_2D, t);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, b);
      b.close();
      if (small720) {
        w = 1280;
        h = 720;
      }
    } else {
      gl.deleteTexture(t);
      continue;
    }
    const px = read(t, w, h);
    out[name] = { size: `${w}x${h}`, meanAbsDiff: Math.round(diff(px, w === W ? refPx : ref720) * 100) / 100 };
    gl.deleteTexture(t);
  }
  await v.play();
  return out;
}

// ---- driver -------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : NaN);
const mean = (a) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : NaN);

async function runBackend(backend) {
  const profile = mkdtempSync(path.join(work, 'profile-'));
  const asRoot = process.getuid?.() === 0;
  const child = spawn(CHROMIUM, [
    '--headless=new', ...(asRoot ? ['--no-sandbox'] : []), `--user-data-dir=${profile}`, '--remote-debugging-pipe',
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
    '--window-size=1280,800', ...GL_FLAGS[backend], 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true });
  const send = cdpClient(child.stdio[3], child.stdio[4]);
  const result = { backend, paths: {} };
  try {
    const { targetId } = await send('Target.createTarget', { url: `${origin}/` });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const evaluate = async (expression) => {
      const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`${r.exceptionDetails.text} ${r.exceptionDetails.exception?.description ?? ''}`);
      return r.result.value;
    };
    // The target starts on about:blank: wait until our page has loaded.
    for (let i = 0; i < 300; i++) {
      const href = await evaluate(`document.readyState === 'complete' ? location.href : ''`).catch(() => '');
      if (href.startsWith(origin)) break;
      await sleep(100);
    }
    const info = await evaluate(`(${setup})()`);
    Object.assign(result, info);
    console.log(`${backend}: ${info.renderer}; MediaStreamTrackProcessor ${info.mstp ? 'yes' : 'no'}`);
    await evaluate(`(${measure})('none', 1500)`); // warm up: decoder and caches
    for (const name of paths) {
      if ((name === 'MSTP' || name === 'MSTP-tex') && !info.mstp) continue;
      const c0 = cpu(child.pid);
      const t0 = performance.now();
      const r = await evaluate(`(${measure})(${JSON.stringify(name)}, ${seconds * 1000})`);
      const wall = (performance.now() - t0) / 1000;
      const c1 = cpu(child.pid);
      const rows = r.rows.slice(1); // the first upload also sizes the texture
      const row = {
        label: LABEL[name],
        uploads: rows.length,
        perSecond: rows.length / (r.wall / 1000),
        callMs: median(rows.map((x) => x[0])),
        finishMs: median(rows.map((x) => x[1])),
        asyncMs: median(rows.map((x) => x[2])),
        totalMsMean: mean(rows.map((x) => x[0] + x[1] + x[2])),
        decodedPerSecond: r.decoded / (r.wall / 1000),
        droppedPerSecond: r.dropped / (r.wall / 1000),
        rendererCores: (c1.renderer - c0.renderer) / 1000 / wall,
        gpuCores: (c1.gpu - c0.gpu) / 1000 / wall,
        otherCores: (c1.other - c0.other) / 1000 / wall,
        glError: r.glError,
      };
      result.paths[name] = row;
      console.log(`  ${name.padEnd(13)} ${row.perSecond.toFixed(1)}/s call ${row.callMs.toFixed(1)} ms finish ${row.finishMs.toFixed(1)} ms async ${row.asyncMs.toFixed(1)} ms; renderer ${row.rendererCores.toFixed(2)} gpu ${row.gpuCores.toFixed(2)} other ${row.otherCores.toFixed(2)} cores; decoded ${row.decodedPerSecond.toFixed(1)}/s dropped ${row.droppedPerSecond.toFixed(1)}/s${r.glError ? ` glError ${r.glError}` : ''}`);
    }
    result.pictures = await evaluate(`(${pictures})(${JSON.stringify(paths)})`);
    console.log(`  pictures vs texImage2D(video): ${JSON.stringify(result.pictures)}`);
  } catch (error) {
    result.error = String(error?.message ?? error);
    console.log(`${backend}: ${result.error}`);
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone.
    }
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
  return result;
}

const results = { date: new Date().toISOString(), machine: machine(), loadavgBefore: os.loadavg(), chromium: execFileSync(CHROMIUM, ['--version']).toString().trim(), seconds, backends: [] };
for (const b of backends) results.backends.push(await runBackend(b));
results.loadavgAfter = os.loadavg();
server.close();
rmSync(work, { recursive: true, force: true });

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
for (const b of results.backends) {
  console.log(`\n${b.backend} (${b.renderer ?? b.error}), 1080p30 H.264, ${seconds} s per path`);
  console.log('| path | uploads/s | call ms (median) | GPU finish ms | bitmap await ms | mean total ms | decoded/s | renderer cores | GPU-process cores | other cores | picture Δ |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(b.paths)) {
    const pic = b.pictures?.[name];
    console.log(`| ${r.label} | ${f(r.perSecond)} | ${f(r.callMs)} | ${f(r.finishMs)} | ${f(r.asyncMs)} | ${f(r.totalMsMean)} | ${f(r.decodedPerSecond)} | ${f(r.rendererCores, 2)} | ${f(r.gpuCores, 2)} | ${f(r.otherCores, 2)} | ${pic ? (pic.skipped ? `skipped: ${pic.skipped}` : `${pic.meanAbsDiff} (${pic.size})`) : '–'} |`);
  }
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/video-upload-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nload average ${results.loadavgBefore.map((x) => x.toFixed(2)).join(' ')} → ${results.loadavgAfter.map((x) => x.toFixed(2)).join(' ')}; saved ${path.relative(root, file)}`);
