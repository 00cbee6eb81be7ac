/**
 * The engine's side of hotkeys: lists the actions, finds what a name or a key combination means,
 * and runs it. Keys are caught by the hosts (the page in server mode, Electron's globalShortcut in
 * the desktop app) and by obs-websocket clients; they all come here, so every path runs the same
 * action with the same rules.
 */
import * as z from 'zod';
import { Status, fail, ok, sameCombo, type CommandArgs, type CommandResult, type HotkeyAction, type Result } from '../../shared';
import { parseArgs } from '../document/issues';
import { keyComboSchema } from '../document/schemas';
import { findHotkey, hotkeyActions, runHotkey, type HotkeyDeps } from './actions';

const triggerSchema = z.strictObject({
  name: z.string().min(1).max(200),
  contextName: z.string().max(256).optional(),
  contextUuid: z.string().max(64).optional(),
  pressed: z.boolean().optional(),
});
const triggerKeysSchema = z.strictObject({ combo: keyComboSchema, pressed: z.boolean().optional() });

export class Hotkeys {
  constructor(private readonly deps: HotkeyDeps) {}

  list(): CommandResult<'hotkey.list'> {
    return { actions: hotkeyActions(this.deps.document(), this.deps.hasAudio) };
  }

  async trigger(raw: unknown): Promise<Result<null>> {
    const parsed = parseArgs(triggerSchema, raw);
    if (!parsed.ok) return parsed;
    const args = parsed.value;
    const found = findHotkey(this.deps.document(), this.deps.hasAudio, args.name, {
      ...(args.contextName !== undefined && { name: args.contextName }),
      ...(args.contextUuid !== undefined && { uuid: args.contextUuid }),
    });
    if (!found.ok) return found;
    // Without `pressed`, a tap: press then release (what a Stream Deck button means).
    const phases = args.pressed === undefined ? [true, false] : [args.pressed];
    for (const pressed of phases) {
      const done = await runHotkey(this.deps, found.value, pressed);
      if (!done.ok) return done;
    }
    return ok(null);
  }

  /** Runs every action bound to the combo; answers their names (none is not an error, as in OBS). */
  async triggerKeys(raw: unknown): Promise<Result<{ triggered: string[] }>> {
    const parsed = parseArgs(triggerKeysSchema, raw);
    if (!parsed.ok) return parsed;
    const args: CommandArgs<'hotkey.triggerKeys'> = parsed.value;
    const doc = this.deps.document();
    const actions = hotkeyActions(doc, this.deps.hasAudio);
    const bound = doc.hotkeys.filter((b) => b.keys.some((k) => sameCombo(k, args.combo)));
    const triggered: string[] = [];
    const phases = args.pressed === undefined ? [true, false] : [args.pressed];
    for (const binding of bound) {
      const action: HotkeyAction | undefined = actions.find((a) => a.name === binding.name && a.contextUuid === binding.contextUuid);
      // A binding whose scene or input is gone does nothing until it exists again.
      if (!action) continue;
      for (const pressed of phases) {
        const done = await runHotkey(this.deps, action, pressed);
        if (!done.ok) return fail(done.error.code, `${action.label}: ${done.error.message}`);
      }
      triggered.push(action.name);
    }
    return ok({ triggered });
  }
}

/** Parses obs-websocket's TriggerHotkeyByKeySequence modifiers (all optional booleans). */
export function comboFrom(keyId: string | undefined, modifiers: Record<string, unknown> | undefined): Result<CommandArgs<'hotkey.triggerKeys'>['combo']> {
  if (keyId === undefined || keyId === '') return fail(Status.MissingRequestField, 'keyId is required: an OBS key id such as OBS_KEY_F1.', 'keyId');
  const flag = (name: string): boolean => modifiers?.[name] === true;
  return ok({ key: keyId, shift: flag('shift'), control: flag('control'), alt: flag('alt'), command: flag('command') });
}
