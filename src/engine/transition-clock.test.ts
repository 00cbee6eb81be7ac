import { describe, expect, it } from 'vitest';
import type { StudioDocument, StudioEvent } from '../shared';
import { blankDocument } from './document/defaults';
import { FakeClock } from './testing/fake-clock';
import { TransitionClock } from './transition-clock';

function setup(transition?: StudioDocument['transition']) {
  let n = 0;
  const base = blankDocument(() => `s${++n}`);
  let doc: StudioDocument = { ...base, scenes: [...base.scenes, { ...base.scenes[0]!, uuid: 'b', name: 'B' }], ...(transition && { transition }) };
  const listeners = new Set<(e: StudioEvent) => void>();
  const seen: StudioEvent[] = [];
  const clock = new FakeClock();
  const tc = new TransitionClock({
    subscribe: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    document: () => doc,
    emit: (e) => seen.push(e),
    clock,
  });
  const switchTo = (uuid: string) => {
    doc = { ...doc, currentSceneUuid: uuid };
    for (const l of listeners) l({ type: 'scene.currentChanged', data: { sceneUuid: uuid, sceneName: uuid } });
  };
  return { tc, clock, seen, switchTo, first: base.currentSceneUuid };
}

describe('TransitionClock', () => {
  it('a cut starts and ends at once', () => {
    const t = setup();
    t.switchTo('b');
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    expect(t.seen[0]!.data).toMatchObject({ toSceneUuid: 'b', fromSceneUuid: t.first, kind: 'cut_transition', durationMs: 0 });
    expect(t.tc.cursor()).toBe(1);
    expect(t.clock.pending()).toBe(0);
  });

  it('a fade ends after its duration on the engine clock; the cursor follows; a new switch ends it first', () => {
    const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
    t.switchTo('b');
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started']);
    t.clock.advance(250);
    expect(t.tc.cursor()).toBeCloseTo(0.25);
    t.switchTo(t.first);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.started']);
    t.clock.advance(999);
    expect(t.seen).toHaveLength(3);
    t.clock.advance(1);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.started', 'transition.ended']);
    expect(t.tc.cursor()).toBe(1);
    t.tc.dispose();
    expect(t.clock.pending()).toBe(0);
  });
});
