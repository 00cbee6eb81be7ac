import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LUMA_WIPE_IMAGES } from '../shared';
import { blankDocument } from './document/defaults';
import { transitionMediaPath } from './transition-media';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

describe('transitionMediaPath', () => {
  it('serves every shipped luma image by name, and nothing else from that folder', () => {
    let n = 0;
    const doc = blankDocument(() => `id-${++n}`);
    for (const { file } of LUMA_WIPE_IMAGES) {
      const p = transitionMediaPath(doc, `luma_wipes/${file}`, RESOURCES);
      expect(p).toBe(path.join(RESOURCES, 'luma_wipes', file));
      expect(existsSync(p!), file).toBe(true);
    }
    expect(transitionMediaPath(doc, 'luma_wipes/../demo/watermark.png', RESOURCES)).toBeNull();
    expect(transitionMediaPath(doc, 'luma_wipes/other.png', RESOURCES)).toBeNull();
    expect(transitionMediaPath(doc, '/etc/passwd', RESOURCES)).toBeNull();
  });

  it("serves a stinger's video only while the current transition is a stinger naming it", () => {
    let n = 0;
    const doc = blankDocument(() => `id-${++n}`);
    const file = '/videos/sting.webm';
    expect(transitionMediaPath(doc, file, RESOURCES)).toBeNull();
    const stinger = { ...doc, transition: { kind: 'obs_stinger_transition', durationMs: 300, settings: { path: file } } };
    expect(transitionMediaPath(stinger, file, RESOURCES)).toBe(file);
    expect(transitionMediaPath(stinger, '/videos/other.webm', RESOURCES)).toBeNull();
    const fade = { ...doc, transition: { kind: 'fade_transition', durationMs: 300, settings: { path: file } } };
    expect(transitionMediaPath(fade, file, RESOURCES)).toBeNull();
  });

  it("serves a one-switch stinger's video (a replay's) while that switch's transition is kept", () => {
    let n = 0;
    const doc = blankDocument(() => `id-${++n}`);
    const file = '/videos/replay-sting.webm';
    const once = { ...doc, switchTransition: { toSceneUuid: doc.currentSceneUuid, kind: 'obs_stinger_transition', durationMs: 300, settings: { path: file } } };
    expect(transitionMediaPath(once, file, RESOURCES)).toBe(file);
    expect(transitionMediaPath(doc, file, RESOURCES)).toBeNull();
    expect(transitionMediaPath({ ...once, switchTransition: { ...once.switchTransition, kind: 'fade_transition' } }, file, RESOURCES)).toBeNull();
  });

  it("serves the Stinger's own video to a scene's override of it while another transition is current", () => {
    let n = 0;
    const doc = blankDocument(() => `id-${++n}`);
    const file = '/videos/sting.webm';
    const fade = { ...doc, transition: { kind: 'fade_transition', durationMs: 300, settings: {}, otherSettings: { obs_stinger_transition: { path: file } } } };
    expect(transitionMediaPath(fade, file, RESOURCES)).toBeNull();
    const overridden = { ...fade, scenes: fade.scenes.map((s) => ({ ...s, transitionOverride: { kind: 'obs_stinger_transition' } })) };
    expect(transitionMediaPath(overridden, file, RESOURCES)).toBe(file);
    expect(transitionMediaPath(overridden, '/videos/other.webm', RESOURCES)).toBeNull();
  });
});
