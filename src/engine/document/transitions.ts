/**
 * The transition handlers: transition.set (the current scene transition's kind, duration and
 * settings; each kind keeps its own settings, as each of OBS's transitions is a source of its own,
 * so a kind switched back to finds what it was set to and one never set starts from its defaults)
 * and scene.setTransitionOverride (OBS's per-scene Transition Override).
 */
import {
  DEFAULT_TRANSITION,
  Status,
  fail,
  ok,
  transitionSettingsOf,
  type CurrentTransition,
  type Result,
  type SceneTransitionOverride,
  type Settings,
  type StudioDocument,
} from '../../shared';
import type { Handler, HandlerContext } from './handlers';

function transitionKindOf(id: string, ctx: HandlerContext) {
  const k = ctx.kinds.get(id);
  if (k && k.category === 'transition') return ok(k);
  const known = ctx.kinds.list('transition').map((t) => t.id).join(', ');
  return fail(Status.InvalidRequestField, `There is no transition kind called "${id}"; the kinds are ${known}.`, 'kind');
}

/**
 * The document after a switch of program to `toSceneUuid`: with `transition`, that transition for
 * this switch only (doc.switchTransition, its settings checked against the kind's); without, none
 * left over from an earlier switch.
 */
export function withSwitchTransition(
  doc: StudioDocument,
  toSceneUuid: string,
  transition: { kind: string; durationMs: number; settings?: Settings } | undefined,
  ctx: HandlerContext,
): Result<StudioDocument> {
  const { switchTransition: _old, ...rest } = doc;
  if (!transition) return ok(rest);
  const k = transitionKindOf(transition.kind, ctx);
  if (!k.ok) return k;
  const settings = ctx.kinds.validateSettings(k.value.id, transition.settings ?? {});
  if (!settings.ok) return settings;
  return ok({ ...rest, switchTransition: { toSceneUuid, kind: k.value.id, durationMs: transition.durationMs, settings: settings.value } });
}

/** Every kind's saved settings but `kind`'s, once `kind` is current: the one left keeps its own. */
function otherSettingsAfter(cur: CurrentTransition, kind: string): Record<string, Settings> {
  const { [kind]: _now, ...others } = cur.otherSettings ?? {};
  // A kind with no settings (a cut) has nothing to keep.
  if (cur.kind !== kind && Object.keys(cur.settings).length > 0) others[cur.kind] = cur.settings;
  return others;
}

export const TRANSITION_HANDLERS: {
  'transition.set': Handler<'transition.set'>;
  'scene.setTransitionOverride': Handler<'scene.setTransitionOverride'>;
} = {
  'transition.set': (doc, args, ctx) => {
    const cur = doc.transition ?? DEFAULT_TRANSITION;
    let kind = cur.kind;
    if (args.kind !== undefined) {
      const k = transitionKindOf(args.kind, ctx);
      if (!k.ok) return k;
      kind = k.value.id;
    }
    const base = args.overlay !== false ? transitionSettingsOf(cur, kind) : undefined;
    const settings = ctx.kinds.validateSettings(kind, args.settings ?? {}, base);
    if (!settings.ok) return settings;
    const transition: CurrentTransition = { kind, durationMs: args.durationMs ?? cur.durationMs, settings: settings.value };
    const others = otherSettingsAfter(cur, kind);
    if (Object.keys(others).length > 0) transition.otherSettings = others;
    return ok({
      doc: { ...doc, transition },
      events: [{ type: 'transition.changed', data: { kind, durationMs: transition.durationMs } }],
      value: null,
    });
  },

  'scene.setTransitionOverride': (doc, args, ctx) => {
    const scene = doc.scenes.find((s) => s.uuid === args.sceneUuid);
    if (!scene) return fail(Status.ResourceNotFound, `There is no scene with id "${args.sceneUuid}".`, 'sceneUuid');
    if (args.kind === undefined && args.durationMs === undefined) {
      return fail(Status.MissingRequestField, 'Give a transition kind, a duration, or both (null removes either).');
    }
    const next: SceneTransitionOverride = { ...scene.transitionOverride };
    if (args.kind === null) delete next.kind;
    else if (args.kind !== undefined) {
      const k = transitionKindOf(args.kind, ctx);
      if (!k.ok) return k;
      next.kind = k.value.id;
    }
    if (args.durationMs === null) delete next.durationMs;
    else if (args.durationMs !== undefined) next.durationMs = args.durationMs;
    const { transitionOverride: _old, ...rest } = scene;
    const updated = next.kind === undefined && next.durationMs === undefined ? rest : { ...rest, transitionOverride: next };
    return ok({ doc: { ...doc, scenes: doc.scenes.map((s) => (s.uuid === scene.uuid ? updated : s)) }, events: [], value: null });
  },
};
