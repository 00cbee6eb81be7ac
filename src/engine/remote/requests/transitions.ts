/**
 * Transition requests. OBS keeps named transitions; the studio has one per registered kind, named
 * as OBS names its defaults ("Cut", "Fade", "Fade to Color", "Slide", "Swipe"), with a fixed UUID
 * so a client that stores it finds it again. The current one, its duration and settings are the
 * document's `transition` (the transition.set command); the engine's transition clock answers
 * the cursor.
 */
import { DEFAULT_TRANSITION, TRANSITION_DURATION_MS, TRANSITION_KINDS, type KindDescriptor, type StudioDocument } from '../../../shared';
import type { HandlerTable } from './handler';
import { findScene } from './lookup';
import { Code, fail, success, unwrap } from './status';

/** The cut's UUID predates the others; the rest follow it with their place in TRANSITION_KINDS. */
const uuidOf = (i: number): string => `7c6f6c0e-5f7d-4b0e-9d1e-0c07c07c07${(0xc0 + i).toString(16)}`;

export interface NamedTransition {
  transitionName: string;
  transitionUuid: string;
  transitionKind: string;
  /** OBS: a fixed transition (a cut) has no duration. */
  transitionFixed: boolean;
  /** Whether it has settings to change. */
  transitionConfigurable: boolean;
}

export const namedTransition = (kind: KindDescriptor, i: number): NamedTransition => ({
  transitionName: kind.displayName,
  transitionUuid: uuidOf(i),
  transitionKind: kind.id,
  transitionFixed: kind.id === 'cut_transition',
  transitionConfigurable: kind.properties.length > 0,
});

export const TRANSITIONS: readonly NamedTransition[] = TRANSITION_KINDS.map(namedTransition);

/** The named transition of a kind (a cut for a kind this build lacks). */
export const transitionOf = (kind: string): NamedTransition => TRANSITIONS.find((t) => t.transitionKind === kind) ?? TRANSITIONS[0]!;

export const currentTransition = (doc: StudioDocument) => doc.transition ?? DEFAULT_TRANSITION;


export const transitionRequests: HandlerTable = {
  GetTransitionKindList: () => success({ transitionKinds: TRANSITION_KINDS.map((k) => k.id) }),

  GetSceneTransitionList: (ctx) => {
    const cur = transitionOf(currentTransition(ctx.studio.document()).kind);
    return success({
      currentSceneTransitionName: cur.transitionName,
      currentSceneTransitionUuid: cur.transitionUuid,
      currentSceneTransitionKind: cur.transitionKind,
      transitions: TRANSITIONS.map((t) => ({ ...t })),
    });
  },

  GetCurrentSceneTransition: (ctx) => {
    const t = currentTransition(ctx.studio.document());
    const named = transitionOf(t.kind);
    return success({
      ...named,
      transitionDuration: named.transitionFixed ? null : t.durationMs,
      transitionSettings: named.transitionConfigurable ? structuredClone(t.settings) : null,
    });
  },

  SetCurrentSceneTransition: async (ctx, f) => {
    const name = f.string('transitionName');
    const named = TRANSITIONS.find((t) => t.transitionName === name);
    if (!named) fail(Code.ResourceNotFound, 'No scene transition was found by that name.');
    unwrap(await ctx.studio.execute('transition.set', { kind: named.transitionKind }));
    return success();
  },

  SetCurrentSceneTransitionDuration: async (ctx, f) => {
    // Truncated, as OBS reads the field into an int (100.7 is 100).
    const durationMs = Math.trunc(f.number('transitionDuration', TRANSITION_DURATION_MS.min, TRANSITION_DURATION_MS.max));
    unwrap(await ctx.studio.execute('transition.set', { durationMs }));
    return success();
  },

  SetCurrentSceneTransitionSettings: async (ctx, f) => {
    const settings = f.object('transitionSettings', true);
    const overlay = f.optBoolean('overlay') ?? true;
    if (!transitionOf(currentTransition(ctx.studio.document()).kind).transitionConfigurable) {
      fail(Code.ResourceNotConfigurable, 'The current transition does not support custom settings.');
    }
    unwrap(await ctx.studio.execute('transition.set', { settings, overlay }));
    return success();
  },

  GetCurrentSceneTransitionCursor: (ctx) => success({ transitionCursor: ctx.studio.transitionCursor?.() ?? 1 }),

  // OBS's per-scene Transition Override (category scenes in OBS's protocol): a transition name and a
  // duration, each null when not set; null in a Set removes that part, an absent field leaves it.
  GetSceneSceneTransitionOverride: (ctx, f) => {
    const o = findScene(ctx.studio.document(), f).transitionOverride;
    return success({
      transitionName: o?.kind ? transitionOf(o.kind).transitionName : null,
      transitionDuration: o?.durationMs ?? null,
    });
  },

  SetSceneSceneTransitionOverride: async (ctx, f) => {
    const scene = findScene(ctx.studio.document(), f);
    const given = (key: string) => Object.hasOwn(f.data, key);
    if (!given('transitionName') && !given('transitionDuration')) {
      fail(Code.MissingRequestField, 'Your request data must include either `transitionName` or `transitionDuration`.');
    }
    let kind: string | null | undefined;
    if (given('transitionName')) {
      const name = f.optString('transitionName');
      if (name === undefined) kind = null;
      else {
        const named = TRANSITIONS.find((t) => t.transitionName === name);
        if (!named) fail(Code.ResourceNotFound, 'No scene transition was found by that name.');
        kind = named.transitionKind;
      }
    }
    let durationMs: number | null | undefined;
    if (given('transitionDuration')) {
      const d = f.optNumber('transitionDuration', TRANSITION_DURATION_MS.min, TRANSITION_DURATION_MS.max);
      durationMs = d === undefined ? null : Math.trunc(d);
    }
    unwrap(await ctx.studio.execute('scene.setTransitionOverride', { sceneUuid: scene.uuid, kind, durationMs }));
    return success();
  },

  // OBS's T-bar (see transition-clock.ts): 506 outside studio mode; release defaults to true.
  SetTBarPosition: async (ctx, f) => {
    // Studio mode first, as obs-websocket checks it: 506 even for a request with bad or no fields.
    if (!ctx.studio.document().studioMode) fail(Code.StudioModeNotActive, 'The T-bar moves a transition only in studio mode; enable studio mode first.');
    const position = f.number('position', 0, 1);
    const release = f.optBoolean('release') ?? true;
    if (!ctx.studio.setTBar) fail(Code.RequestProcessingFailed, 'This studio has no T-bar.');
    unwrap(await ctx.studio.setTBar(position, release));
    return success();
  },

  // studio.take refuses with 506 outside studio mode; the renderers run the current transition.
  TriggerStudioModeTransition: async (ctx) => {
    unwrap(await ctx.studio.execute('studio.take', {}));
    return success();
  },
};
