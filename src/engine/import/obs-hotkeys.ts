/**
 * OBS's per-source hotkeys (saved in the scene collection, in each source's "hotkeys": name → key
 * combinations) → the studio's bindings, where the studio has the same action under OBS's name:
 * OBSBasic.SelectScene and libobs.show/hide_scene_item.<id> on scenes, libobs.mute / unmute /
 * push-to-mute / push-to-talk on inputs. Bindings of other actions are reported.
 */
import * as z from 'zod';
import type { HotkeyBinding, KeyCombo, SceneItem } from '../../shared';
import type { Skips } from './skips';

const comboSchema = z.looseObject({
  key: z.string().regex(/^OBS_KEY_[A-Z0-9_]{1,24}$/),
  shift: z.boolean().default(false),
  control: z.boolean().default(false),
  alt: z.boolean().default(false),
  command: z.boolean().default(false),
});

const INPUT_ACTIONS = new Set(['libobs.mute', 'libobs.unmute', 'libobs.push-to-mute', 'libobs.push-to-talk']);
const SHOW_HIDE = /^libobs\.(show|hide)_scene_item\.(\d+)$/;

function combos(value: unknown): KeyCombo[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const r = comboSchema.safeParse(v);
    return r.success ? [{ key: r.data.key, shift: r.data.shift, control: r.data.control, alt: r.data.alt, command: r.data.command }] : [];
  });
}

export interface HotkeyContext {
  sourceName: string;
  /** The studio's scene or input the source became. */
  uuid: string;
  /** For a scene: its items by OBS's item id (their studio ids are read once assigned). */
  items?: ReadonlyMap<number, SceneItem>;
}

export function hotkeyBindings(hotkeys: Record<string, unknown>, ctx: HotkeyContext, skips: Skips): HotkeyBinding[] {
  const out: HotkeyBinding[] = [];
  for (const [name, value] of Object.entries(hotkeys)) {
    const keys = combos(value);
    if (keys.length === 0) continue;
    if (ctx.items) {
      const m = SHOW_HIDE.exec(name);
      const item = m ? ctx.items.get(Number(m[2])) : undefined;
      if (name === 'OBSBasic.SelectScene') out.push({ name, contextUuid: ctx.uuid, keys });
      else if (item) out.push({ name: `libobs.${m![1]}_scene_item.${item.sceneItemId}`, contextUuid: ctx.uuid, keys });
      else skips.add(`${ctx.sourceName}: ${name}`, m ? 'hotkey for a scene item that was not imported' : 'hotkey for an action the studio does not have');
    } else if (INPUT_ACTIONS.has(name)) {
      out.push({ name, contextUuid: ctx.uuid, keys });
    } else {
      skips.add(`${ctx.sourceName}: ${name}`, 'hotkey for an action the studio does not have');
    }
  }
  return out;
}
