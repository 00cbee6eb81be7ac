/**
 * The transition.set handler: the current scene transition's kind, duration and settings. A new
 * kind starts from its own defaults (settings of one kind mean nothing to another).
 */
import { DEFAULT_TRANSITION, Status, fail, ok, type SceneTransition } from '../../shared';
import type { Handler } from './handlers';

export const TRANSITION_HANDLERS: { 'transition.set': Handler<'transition.set'> } = {
  'transition.set': (doc, args, ctx) => {
    const cur = doc.transition ?? DEFAULT_TRANSITION;
    let kind = cur.kind;
    if (args.kind !== undefined) {
      const k = ctx.kinds.get(args.kind);
      if (!k || k.category !== 'transition') {
        const known = ctx.kinds.list('transition').map((t) => t.id).join(', ');
        return fail(Status.InvalidRequestField, `There is no transition kind called "${args.kind}"; the kinds are ${known}.`, 'kind');
      }
      kind = k.id;
    }
    const base = kind === cur.kind && args.overlay !== false ? cur.settings : undefined;
    const settings = ctx.kinds.validateSettings(kind, args.settings ?? {}, base);
    if (!settings.ok) return settings;
    const transition: SceneTransition = { kind, durationMs: args.durationMs ?? cur.durationMs, settings: settings.value };
    return ok({
      doc: { ...doc, transition },
      events: [{ type: 'transition.changed', data: { kind, durationMs: transition.durationMs } }],
      value: null,
    });
  },
};
