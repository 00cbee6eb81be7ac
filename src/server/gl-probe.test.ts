import { describe, expect, it } from 'vitest';
import { GL_BACKENDS, bestRound, chooseGlBackend, forcedChoice, parseGlPreference, pixelsMatch, type GlMeasurement } from './gl-probe';

const W = '5 full-screen textured layers at 1920x1080 plus a readPixels per frame';

function m(backend: GlMeasurement['backend'], fps: number | null, over: Partial<GlMeasurement> = {}): GlMeasurement {
  return { backend, available: true, pixelsOk: true, fps, frames: 10, ms: 1500, renderer: backend, error: null, ...over };
}

describe('chooseGlBackend', () => {
  it('chooses the fastest backend that drew correctly, and the reason carries both numbers', () => {
    const choice = chooseGlBackend([m('swiftshader', 2.7), m('llvmpipe', 4.8)], W);
    expect(choice.backend).toBe('llvmpipe');
    expect(choice.source).toBe('probe');
    expect(choice.reason).toContain('llvmpipe 4.8 fps');
    expect(choice.reason).toContain('swiftshader 2.7 fps');
    expect(choice.reason).toContain('1920x1080');
    expect(choice.measurements).toHaveLength(2);
  });

  it('keeps SwiftShader when it is the faster one', () => {
    expect(chooseGlBackend([m('swiftshader', 30), m('llvmpipe', 12)], W).backend).toBe('swiftshader');
  });

  it('never chooses a backend that drew wrong pixels, however fast', () => {
    const choice = chooseGlBackend([m('swiftshader', 3), m('llvmpipe', 300, { pixelsOk: false, error: 'pixels [0,0,0,255]' })], W);
    expect(choice.backend).toBe('swiftshader');
    expect(choice.reason).toMatch(/llvmpipe drew wrong pixels/);
    expect(choice.reason).toMatch(/only backend that drew correctly/);
  });

  it('skips an unavailable backend and says why', () => {
    const choice = chooseGlBackend([m('llvmpipe', null, { available: false, pixelsOk: false, error: 'the flags --use-angle=gl-egl gave renderer "SwiftShader"' }), m('swiftshader', 2)], W);
    expect(choice.backend).toBe('swiftshader');
    expect(choice.reason).toContain('llvmpipe unavailable');
  });

  it('falls back to SwiftShader when nothing drew correctly, saying so', () => {
    const choice = chooseGlBackend([m('swiftshader', 5, { pixelsOk: false }), m('llvmpipe', 9, { pixelsOk: false })], W);
    expect(choice.backend).toBe('swiftshader');
    expect(choice.source).toBe('fallback');
    expect(choice.reason).toMatch(/No backend passed the probe/);
    expect(chooseGlBackend([], W).source).toBe('fallback');
  });

  it('ignores a measurement with no frames', () => {
    expect(chooseGlBackend([m('llvmpipe', 0), m('swiftshader', 1)], W).backend).toBe('swiftshader');
  });

  it('keeps SwiftShader when another backend is not clearly (more than 10 %) faster', () => {
    const choice = chooseGlBackend([m('swiftshader', 5.4), m('llvmpipe', 5.6)], W);
    expect(choice.backend).toBe('swiftshader');
    expect(choice.reason).toMatch(/kept.*not more than 10 % faster/);
    expect(chooseGlBackend([m('swiftshader', 5), m('llvmpipe', 5.6)], W).backend).toBe('llvmpipe');
  });

  it('marks a cached choice as such', () => {
    expect(chooseGlBackend([m('llvmpipe', 4)], W, 'cache').source).toBe('cache');
  });

  it('a forced backend says who forced it', () => {
    const choice = forcedChoice('swiftshader');
    expect(choice).toMatchObject({ backend: 'swiftshader', source: 'forced' });
    expect(choice.reason).toContain('STUDIO_GL=swiftshader');
  });
});

describe('bestRound', () => {
  it("takes a backend's fastest round: one slowed by a busy moment does not decide", () => {
    expect(bestRound([m('llvmpipe', 15.2), m('llvmpipe', 34.9)])?.fps).toBe(34.9);
    // With one round each, SwiftShader was kept (under 10 % apart); with the better round, llvmpipe wins.
    const one = chooseGlBackend([m('swiftshader', 14.1), m('llvmpipe', 15.2)], W);
    const best = chooseGlBackend([bestRound([m('swiftshader', 14.1), m('swiftshader', 14.4)])!, bestRound([m('llvmpipe', 15.2), m('llvmpipe', 34.9)])!], W);
    expect([one.backend, best.backend]).toEqual(['swiftshader', 'llvmpipe']);
  });

  it('answers the failed round when any round drew wrong pixels or did not start, however fast the others', () => {
    expect(bestRound([m('llvmpipe', 40), m('llvmpipe', 50, { pixelsOk: false })])).toMatchObject({ pixelsOk: false });
    expect(bestRound([m('llvmpipe', null, { available: false, error: 'no EGL' }), m('llvmpipe', 50)])).toMatchObject({ available: false });
    expect(bestRound([])).toBeNull();
  });
});

describe('parseGlPreference', () => {
  it('takes auto, swiftshader and llvmpipe, any case, and defaults to auto', () => {
    expect(parseGlPreference(undefined)).toEqual({ ok: true, value: 'auto' });
    expect(parseGlPreference('')).toEqual({ ok: true, value: 'auto' });
    expect(parseGlPreference(' LLVMpipe ')).toEqual({ ok: true, value: 'llvmpipe' });
    expect(parseGlPreference('swiftshader')).toEqual({ ok: true, value: 'swiftshader' });
  });
  it('refuses anything else, naming the choices', () => {
    const r = parseGlPreference('vulkan');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/swiftshader, llvmpipe or auto.*vulkan/);
  });
});

describe('pixelsMatch', () => {
  it('wants red on the left and blue on the right, within a small tolerance', () => {
    expect(pixelsMatch([255, 0, 0, 255], [0, 0, 255, 255])).toBe(true);
    expect(pixelsMatch([252, 2, 0, 255], [1, 0, 253, 255])).toBe(true);
    expect(pixelsMatch([128, 0, 0, 255], [0, 0, 255, 255])).toBe(false);
    expect(pixelsMatch([0, 0, 0, 0], [0, 0, 0, 0])).toBe(false);
    expect(pixelsMatch(undefined, [0, 0, 255, 255])).toBe(false);
  });
});

describe('GL_BACKENDS', () => {
  it('llvmpipe runs ANGLE on Mesa EGL; SwiftShader is the default and adds no flags', () => {
    expect(GL_BACKENDS.llvmpipe.flags).toEqual(['--use-angle=gl-egl']);
    expect(GL_BACKENDS.swiftshader.flags).toEqual([]);
  });
});
