/**
 * The GL backend probe for server mode's compositing Chromium. On a machine without a GPU, Chromium
 * composites on SwiftShader by default; with Mesa's EGL installed, ANGLE can run on Mesa's llvmpipe
 * instead (`--use-angle=gl-egl`), which is often faster. At start the probe runs a short draw that
 * looks like the compositor's work (full-screen textured layers at the canvas size, blended, then a
 * readPixels of the whole frame) in a bare page on each backend, checks a pixel, and the fastest one
 * that drew correctly is chosen. The result is cached per Chromium binary and version in the data
 * folder, so later starts launch at once. STUDIO_GL=swiftshader|llvmpipe|auto lets an operator force one.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Status, fail, ok, type Result } from '../shared';
import { CdpPipe } from './cdp-pipe';
import { removeChromiumProfile } from './chromium-profile';
import { extraChromiumArgs } from './headless';

export type GlBackendId = 'swiftshader' | 'llvmpipe';
export type GlPreference = 'auto' | GlBackendId;

export interface GlBackendSpec {
  id: GlBackendId;
  /** Flags added to the compositing Chromium's command line. */
  flags: readonly string[];
  /** The WebGL renderer string must match this, or the flags did not take (no Mesa EGL, say). */
  renderer: RegExp;
}

export const GL_BACKENDS: Readonly<Record<GlBackendId, GlBackendSpec>> = {
  // Chromium's own default without a GPU (the flags chromiumArgs always passes allow it).
  swiftshader: { id: 'swiftshader', flags: [], renderer: /swiftshader/i },
  // ANGLE on Mesa's EGL: llvmpipe where there is no GPU driver (needs libegl-mesa0 + libgl1-mesa-dri).
  llvmpipe: { id: 'llvmpipe', flags: ['--use-angle=gl-egl'], renderer: /llvmpipe|mesa/i },
};

export interface GlMeasurement {
  backend: GlBackendId;
  /** Whether the backend started and drew at all. */
  available: boolean;
  /** Whether the checked pixels came out as expected. */
  pixelsOk: boolean;
  /** Frames (layers drawn + whole-frame readPixels) per second over the measured time. */
  fps: number | null;
  frames: number;
  ms: number;
  /** WebGL's (unmasked) renderer string. */
  renderer: string | null;
  error: string | null;
}

export interface GlChoice {
  backend: GlBackendId;
  /** One sentence: why this one. */
  reason: string;
  /** 'probe' (measured now), 'cache' (measured on an earlier start), 'forced' (STUDIO_GL) or 'fallback'. */
  source: 'probe' | 'cache' | 'forced' | 'fallback';
  measurements: GlMeasurement[];
  /** The draw measured: canvas size and layers. */
  workload: string;
}

export function parseGlPreference(raw: string | undefined): Result<GlPreference> {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'auto') return ok('auto');
  if (value === 'swiftshader' || value === 'llvmpipe') return ok(value);
  return fail(Status.InvalidRequestField, `STUDIO_GL must be swiftshader, llvmpipe or auto, not "${raw ?? ''}".`);
}

function describe(m: GlMeasurement): string {
  if (!m.available) return `${m.backend} unavailable (${m.error ?? 'no WebGL2'})`;
  if (!m.pixelsOk) return `${m.backend} drew wrong pixels (${m.error ?? 'pixel check failed'})`;
  return `${m.backend} ${m.fps?.toFixed(1) ?? '?'} fps`;
}

/** How much faster than SwiftShader another backend must measure to be chosen over it. */
export const DEFAULT_MARGIN = 0.1;

/**
 * The choice: the fastest backend that is available and drew the right pixels. A backend that drew
 * wrong pixels is never chosen, however fast; if none drew correctly, SwiftShader (Chromium's default),
 * which is also kept unless another is more than DEFAULT_MARGIN faster.
 */
export function chooseGlBackend(measurements: readonly GlMeasurement[], workload: string, source: 'probe' | 'cache' = 'probe'): GlChoice {
  const good = measurements
    .filter((m) => m.available && m.pixelsOk && m.fps !== null && Number.isFinite(m.fps) && m.fps > 0)
    .sort((a, b) => (b.fps ?? 0) - (a.fps ?? 0));
  const summary = measurements.map(describe).join(', ');
  const best = good[0];
  if (!best) {
    return {
      backend: 'swiftshader',
      reason: `No backend passed the probe (${summary || 'nothing measured'}); using Chromium's default, SwiftShader.`,
      source: 'fallback',
      measurements: [...measurements],
      workload,
    };
  }
  const others = good.slice(1);
  // A measurement on a busy machine is noisy: another backend must beat Chromium's default clearly.
  const fallback = good.find((m) => m.backend === 'swiftshader');
  if (fallback && best !== fallback && (best.fps ?? 0) < (fallback.fps ?? 0) * (1 + DEFAULT_MARGIN)) {
    return {
      backend: 'swiftshader',
      reason: `swiftshader kept (Chromium's default): ${best.backend} was not more than ${DEFAULT_MARGIN * 100} % faster: ${summary} (${workload}).`,
      source,
      measurements: [...measurements],
      workload,
    };
  }
  const why = others.length
    ? `fastest that drew correctly: ${summary}`
    : `the only backend that drew correctly: ${summary}`;
  return { backend: best.backend, reason: `${best.backend} chosen, ${why} (${workload}).`, source, measurements: [...measurements], workload };
}

export function forcedChoice(backend: GlBackendId, measurements: readonly GlMeasurement[] = [], workload = ''): GlChoice {
  return {
    backend,
    reason: `${backend} forced by STUDIO_GL=${backend}; not probed.`,
    source: 'forced',
    measurements: [...measurements],
    workload,
  };
}

/** The page-side draw: returns JSON with renderer, frames, ms and the checked pixels. */
function drawScript(width: number, height: number, layers: number, durationMs: number): string {
  return `(async () => {
  const W = ${width}, H = ${height}, LAYERS = ${layers}, DURATION = ${durationMs};
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
  if (!gl) return JSON.stringify({ error: 'no WebGL2 context' });
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const sh = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return s; };
  const prog = gl.createProgram();
  gl.attachShader(prog, sh(gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; out vec2 uv; void main(){ uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }'));
  gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; in vec2 uv; uniform sampler2D t; uniform float a; out vec4 o; void main(){ vec4 c = texture(t, uv); o = vec4(c.rgb * a, a); }'));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) return JSON.stringify({ renderer, error: 'shader link failed: ' + gl.getProgramInfoLog(prog) });
  gl.useProgram(prog);
  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1,-1, 1,-1, -1,1, -1,1, 1,-1, 1,1]), gl.STATIC_DRAW);
  const loc = gl.getAttribLocation(prog, 'p');
  gl.enableVertexAttribArray(loc);
  gl.vertexAttribPointer(loc, 2, gl.FLOAT, false, 0, 0);
  // A full-size texture: left half red, right half blue (like a decoded video frame, uploaded once).
  const px = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 4; const left = x < W / 2;
    px[i] = left ? 255 : 0; px[i + 1] = 0; px[i + 2] = left ? 0 : 255; px[i + 3] = 255;
  }
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, W, H, 0, gl.RGBA, gl.UNSIGNED_BYTE, px);
  const aLoc = gl.getUniformLocation(prog, 'a');
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  gl.viewport(0, 0, W, H);
  const out = new Uint8Array(W * H * 4);
  const frame = () => {
    gl.clearColor(0, 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT);
    // Opaque layers, then one at half opacity over them, as a compositor stacks sources.
    for (let i = 0; i < LAYERS; i++) { gl.uniform1f(aLoc, i === LAYERS - 1 ? 0.5 : 1.0); gl.drawArrays(gl.TRIANGLES, 0, 6); }
    gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, out);
  };
  frame(); // warm-up: shader compile, first upload
  let frames = 0;
  const t0 = performance.now();
  // At least a few frames (a slow backend on a busy machine may draw one in the planned time), within limits.
  while (performance.now() - t0 < DURATION || (frames < 4 && performance.now() - t0 < DURATION * 3)) {
    frame(); frames++;
    await new Promise((r) => setTimeout(r, 0));
  }
  const ms = performance.now() - t0;
  const at = (x, y) => Array.from(out.subarray((y * W + x) * 4, (y * W + x) * 4 + 4));
  return JSON.stringify({ renderer, frames, ms, left: at(Math.floor(W / 4), Math.floor(H / 2)), right: at(Math.floor(3 * W / 4), Math.floor(H / 2)), glError: gl.getError() });
})()`;
}

interface PageResult {
  renderer?: string;
  frames?: number;
  ms?: number;
  left?: number[];
  right?: number[];
  glError?: number;
  error?: string;
}

/**
 * Whether the checked pixels are right: opaque layers then one at half opacity over the same
 * texture gives the texture itself (0.5 * c + 0.5 * c), so red on the left, blue on the right.
 */
export function pixelsMatch(left: readonly number[] | undefined, right: readonly number[] | undefined): boolean {
  const near = (got: readonly number[] | undefined, want: readonly number[]): boolean =>
    !!got && got.length === 4 && want.every((w, i) => Math.abs((got[i] ?? -999) - w) <= 4);
  return near(left, [255, 0, 0, 255]) && near(right, [0, 0, 255, 255]);
}

export interface ProbeOptions {
  executable: string;
  width: number;
  height: number;
  layers?: number;
  durationMs?: number;
  /** Whole probe of one backend, launch included. */
  timeoutMs?: number;
  /** Extra flags that every launch of the compositor gets; STUDIO_CHROMIUM_ARGS when not given. */
  extraArgs?: readonly string[];
  signal?: AbortSignal;
}

/**
 * Rounds per backend, taken in turn (S, L, S, L): a machine busy for a moment (a build finishing,
 * another program starting) slows one round, and llvmpipe's two rasterizer threads suffer from it
 * more than SwiftShader. On a loaded run of bench/obs-peer.mjs a single round measured llvmpipe only
 * 7.8 % faster, so SwiftShader was kept and the studio drew half as many frames.
 */
export const PROBE_ROUNDS = 2;

export function workloadOf(o: Pick<ProbeOptions, 'width' | 'height' | 'layers'>): string {
  return `${o.layers ?? 5} full-screen textured layers at ${o.width}x${o.height} plus a readPixels per frame, best of ${PROBE_ROUNDS} rounds`;
}

/**
 * One backend's rounds as one measurement: the fastest round, provided every round started and drew
 * the right pixels (a slow round can be the machine's doing; a wrong picture is the backend's).
 */
export function bestRound(rounds: readonly GlMeasurement[]): GlMeasurement | null {
  const bad = rounds.find((m) => !m.available || !m.pixelsOk);
  if (bad) return bad;
  let best: GlMeasurement | null = null;
  for (const m of rounds) if (!best || (m.fps ?? 0) > (best.fps ?? 0)) best = m;
  return best;
}

/** Starts a bare headless Chromium on one backend, runs the draw and measures it. Never throws. */
export async function probeBackend(backend: GlBackendId, opts: ProbeOptions): Promise<GlMeasurement> {
  const spec = GL_BACKENDS[backend];
  const base: GlMeasurement = { backend, available: false, pixelsOk: false, fps: null, frames: 0, ms: 0, renderer: null, error: null };
  const profile = mkdtempSync(path.join(os.tmpdir(), 'broadcast-studio-glprobe-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const posix = process.platform !== 'win32';
  const args = [
    '--headless=new',
    ...(asRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${profile}`,
    '--remote-debugging-pipe',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
    ...(opts.extraArgs ?? extraChromiumArgs()).filter((a) => !/^--use-(gl|angle)=/.test(a)),
    ...spec.flags,
    'about:blank',
  ];
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (posix) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  };
  const onAbort = (): void => kill();
  try {
    child = spawn(opts.executable, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: posix });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const started = child;
    const exited = new Promise<never>((_, reject) => {
      started.once('error', (e) => reject(new Error(`could not start Chromium: ${e.message}`)));
      started.once('exit', (code, sig) => reject(new Error(`Chromium exited (${sig ?? `code ${code ?? '?'}`})`)));
    });
    exited.catch(() => {});
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${(opts.timeoutMs ?? 30_000) / 1000} s`)), opts.timeoutMs ?? 30_000);
    });
    const cdp = new CdpPipe(started.stdio[3] as Writable, started.stdio[4] as Readable);
    const run = async (): Promise<PageResult> => {
      const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      const reply = (await cdp.send(
        'Runtime.evaluate',
        { expression: drawScript(opts.width, opts.height, opts.layers ?? 5, opts.durationMs ?? 1500), awaitPromise: true, returnByValue: true },
        sessionId,
      )) as { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
      if (reply.exceptionDetails) throw new Error(`the draw threw: ${reply.exceptionDetails.text ?? 'exception'}`);
      return JSON.parse(String(reply.result?.value ?? '{}')) as PageResult;
    };
    const page = await Promise.race([run(), exited, timeout]);
    const renderer = page.renderer ?? null;
    if (page.error) return { ...base, renderer, error: page.error };
    if (!renderer || !spec.renderer.test(renderer)) {
      return { ...base, renderer, error: `the flags ${spec.flags.join(' ') || '(none)'} gave renderer "${renderer ?? '?'}"` };
    }
    const frames = page.frames ?? 0;
    const ms = page.ms ?? 0;
    const fps = frames > 0 && ms > 0 ? Math.round((frames * 10_000) / ms) / 10 : null;
    const pixelsOk = pixelsMatch(page.left, page.right) && page.glError === 0;
    return {
      ...base,
      available: true,
      pixelsOk,
      fps,
      frames,
      ms: Math.round(ms),
      renderer,
      error: pixelsOk ? null : `pixels ${JSON.stringify(page.left)} / ${JSON.stringify(page.right)}, glError ${page.glError ?? '?'}`,
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    kill();
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 3000);
        child?.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    removeChromiumProfile(profile);
  }
}

/** `chromium --version`, or null. */
export function chromiumVersion(executable: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      const line = String(stdout ?? '').split('\n').find((l) => /\d+\.\d+/.test(l));
      resolve(error && !line ? null : (line?.trim() ?? null));
    });
  });
}

export const GL_CACHE_FILE = 'gl-backend.json';

interface CacheFile {
  key: string;
  workload: string;
  measurements: GlMeasurement[];
}

function cacheKey(executable: string, version: string | null): string {
  let mtime = 0;
  try {
    mtime = Math.round(statSync(executable).mtimeMs);
  } catch {
    // Missing: the probe will say so.
  }
  return `${executable}|${version ?? '?'}|${mtime}`;
}

export interface ResolveOptions extends ProbeOptions {
  dataDir: string;
  preference: GlPreference;
  /** Ignore the cache (a new probe). */
  fresh?: boolean;
}

/**
 * The backend to launch the compositor with: forced, cached for this Chromium, or probed now (one
 * backend after the other, so they do not compete for the CPU, PROBE_ROUNDS times) and then cached.
 */
export async function resolveGlBackend(opts: ResolveOptions): Promise<GlChoice> {
  const workload = workloadOf(opts);
  if (opts.preference !== 'auto') return forcedChoice(opts.preference, [], workload);
  const key = cacheKey(opts.executable, await chromiumVersion(opts.executable));
  const file = path.join(opts.dataDir, GL_CACHE_FILE);
  if (!opts.fresh) {
    try {
      const cached = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (cached.key === key && cached.workload === workload && Array.isArray(cached.measurements)) {
        return chooseGlBackend(cached.measurements, workload, 'cache');
      }
    } catch {
      // No cache, or an unreadable one: probe.
    }
  }
  const ids = Object.keys(GL_BACKENDS) as GlBackendId[];
  const rounds: GlMeasurement[] = [];
  for (let r = 0; r < PROBE_ROUNDS; r++) {
    for (const id of [...ids]) {
      if (opts.signal?.aborted) break;
      const m = await probeBackend(id, opts);
      rounds.push(m);
      // A backend that cannot start will not start on the next round either.
      if (!m.available) ids.splice(ids.indexOf(id), 1);
    }
  }
  const measurements = (Object.keys(GL_BACKENDS) as GlBackendId[])
    .map((id) => bestRound(rounds.filter((m) => m.backend === id)))
    .filter((m): m is GlMeasurement => m !== null);
  const choice = chooseGlBackend(measurements, workload, 'probe');
  if (!opts.signal?.aborted) {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ key, workload, measurements } satisfies CacheFile, null, 2))
      .then(() => rename(tmp, file))
      .catch(() => {});
  }
  return choice;
}
