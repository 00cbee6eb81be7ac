/**
 * Server mode's GL backend probe, for real: the built server.js with --headless measures SwiftShader
 * and ANGLE on Mesa's llvmpipe in bare Chromium pages, launches the compositor on the choice, and
 * says which and why in GET /healthz; the choice is cached in the data folder; STUDIO_GL forces one.
 * Never asserts on speed: which backend wins depends on the machine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { listDescendants } from '../harness/procs';

const SERVER_JS = path.resolve(import.meta.dirname, '../../out/main/server.js');
const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Measurement {
  backend: string;
  available: boolean;
  pixelsOk: boolean;
  fps: number | null;
  renderer: string | null;
  error: string | null;
}
interface RendererHealth {
  state: 'probing' | 'ready';
  backend: string | null;
  reason: string;
  source?: string;
  measurements?: Measurement[];
  workload?: string;
}

function health(port: number): Promise<{ renderer?: RendererHealth }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(JSON.parse(body) as { renderer?: RendererHealth }));
      })
      .on('error', reject);
  });
}

async function readyRenderer(server: StudioServer): Promise<RendererHealth> {
  let last: RendererHealth | undefined;
  await expect
    .poll(async () => (last = (await health(server.port)).renderer)?.state, { timeout: 150_000, interval: 500 })
    .toBe('ready');
  return last!;
}

/** The compositing Chromium's browser process (the one opened on role=primary). */
async function compositor(server: StudioServer): Promise<string> {
  let cmd = '';
  await expect
    .poll(() => (cmd = listDescendants(server.process.pid!).find((p) => p.cmdline.includes('role=primary'))?.cmdline ?? ''), { timeout: 30_000 })
    .not.toBe('');
  return cmd;
}

async function rendererConnected(server: StudioServer): Promise<void> {
  const log = path.join(server.dataDir, 'logs', 'studio.log');
  await expect
    .poll(() => (existsSync(log) ? readFileSync(log, 'utf8') : '').includes('"msg":"renderer connected"'), { timeout: 90_000 })
    .toBe(true);
}

describe('GL backend probe (server mode --headless)', () => {
  it('STUDIO_GL=auto measures both backends, launches the compositor on one that drew correctly, and caches it', async () => {
    const dataDir = tempDir('studio-gl-auto-');
    const server = await startStudioServer({ dataDir, headless: true, env: { STUDIO_GL: 'auto' } });
    let chosen: string;
    try {
      const r = await readyRenderer(server);
      expect(r.source, JSON.stringify(r)).toBe('probe');
      expect(['swiftshader', 'llvmpipe']).toContain(r.backend);
      expect(r.reason).toMatch(new RegExp(`^${r.backend} (chosen|kept)`));
      expect(r.workload).toMatch(/textured layers at \d+x\d+/);
      expect(r.measurements!.map((m) => m.backend).sort()).toEqual(['llvmpipe', 'swiftshader']);
      // The chosen backend drew the right pixels, on the renderer it claims to be.
      const mine = r.measurements!.find((m) => m.backend === r.backend)!;
      expect(mine, JSON.stringify(r.measurements)).toMatchObject({ available: true, pixelsOk: true });
      expect(mine.fps).toBeGreaterThan(0);
      expect(mine.renderer).toMatch(r.backend === 'llvmpipe' ? /llvmpipe/i : /swiftshader/i);
      // SwiftShader is Chromium's own: it is always there.
      expect(r.measurements!.find((m) => m.backend === 'swiftshader')).toMatchObject({ available: true, pixelsOk: true });
      // The compositor runs with that backend's flags, and its page connects.
      const cmd = await compositor(server);
      expect(cmd.includes('--use-angle=gl-egl')).toBe(r.backend === 'llvmpipe');
      await rendererConnected(server);
      expect(server.output()).toMatch(new RegExp(`Compositor GL backend: ${r.backend} \\(probe\\)`));
      chosen = r.backend!;
      // No probe Chromium is left: only the compositor's processes (and browser sources', none here).
      expect(listDescendants(server.process.pid!).filter((p) => p.cmdline.includes('broadcast-studio-glprobe-'))).toEqual([]);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(JSON.parse(readFileSync(path.join(dataDir, 'gl-backend.json'), 'utf8'))).toMatchObject({ measurements: expect.any(Array) });

    // The same Chromium on the next start: the cached measurements, no new probe.
    const again = await startStudioServer({ dataDir, headless: true, env: { STUDIO_GL: 'auto' } });
    try {
      const r = await readyRenderer(again);
      expect(r).toMatchObject({ source: 'cache', backend: chosen });
      await compositor(again);
    } finally {
      expect(await again.stop('SIGTERM')).toBe(0);
    }
  }, 400_000);

  it('STUDIO_GL=swiftshader is honoured without probing, and shown with its reason', async () => {
    const server = await startStudioServer({ dataDir: tempDir('studio-gl-forced-'), headless: true, env: { STUDIO_GL: 'swiftshader' } });
    try {
      const r = await readyRenderer(server);
      expect(r).toMatchObject({ backend: 'swiftshader', source: 'forced', measurements: [] });
      expect(r.reason).toContain('STUDIO_GL=swiftshader');
      const cmd = await compositor(server);
      expect(cmd).not.toContain('--use-angle');
      await rendererConnected(server);
      expect(existsSync(path.join(server.dataDir, 'gl-backend.json'))).toBe(false);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  }, 200_000);

  it('a STUDIO_GL that names no backend stops --headless at start with the choices', async () => {
    const dataDir = tempDir('studio-gl-bad-');
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [SERVER_JS, '--headless', '--port', '0', '--ws-port', '0', '--data-dir', dataDir], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, STUDIO_GL: 'vulkan' },
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server.js did not exit:\n${err}`));
      }, 60_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stderr: err });
      });
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/STUDIO_GL must be swiftshader, llvmpipe or auto, not "vulkan"/);
  }, 90_000);
});
