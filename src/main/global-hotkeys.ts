/**
 * Desktop hotkeys that work while another app has focus (a game), through Electron's
 * globalShortcut: every key combination bound in the profile is registered, and re-registered as
 * bindings change. The OS only reports presses, so held actions (push-to-talk) work as taps here and
 * fully in the window. A combination the OS or another app already owns is reported, not hidden.
 */
import { globalShortcut } from 'electron';
import { comboText, sameCombo, type KeyCombo } from '../shared';
import type { Disposable, Logger, Studio } from '../engine/api';

/** Electron's accelerator for an OBS key combination, or null for a key it cannot name. */
export function accelerator(c: KeyCombo): string | null {
  const raw = c.key.replace(/^OBS_KEY_/, '');
  const named: Record<string, string> = {
    SPACE: 'Space',
    RETURN: 'Enter',
    ENTER: 'Enter',
    ESCAPE: 'Escape',
    TAB: 'Tab',
    BACKSPACE: 'Backspace',
    INSERT: 'Insert',
    DELETE: 'Delete',
    HOME: 'Home',
    END: 'End',
    PAGEUP: 'PageUp',
    PAGEDOWN: 'PageDown',
    UP: 'Up',
    DOWN: 'Down',
    LEFT: 'Left',
    RIGHT: 'Right',
    NUMPLUS: 'numadd',
    NUMMINUS: 'numsub',
    NUMASTERISK: 'nummult',
    NUMSLASH: 'numdiv',
    NUMPERIOD: 'numdec',
  };
  let key: string | undefined = named[raw];
  if (!key && /^([A-Z0-9]|F\d{1,2})$/.test(raw)) key = raw;
  if (!key && /^NUM\d$/.test(raw)) key = `num${raw.slice(3)}`;
  if (!key) return null;
  return [c.control && 'Control', c.alt && 'Alt', c.shift && 'Shift', c.command && 'Super', key].filter(Boolean).join('+');
}

export function bindGlobalHotkeys(opts: { studio: Studio; logger: Logger }): Disposable {
  const { studio, logger } = opts;
  let registered: KeyCombo[] = [];
  const refused = new Set<string>();

  const sync = (): void => {
    const wanted: KeyCombo[] = [];
    for (const b of studio.document().hotkeys) for (const k of b.keys) if (!wanted.some((w) => sameCombo(w, k))) wanted.push(k);
    if (wanted.length === registered.length && wanted.every((w) => registered.some((r) => sameCombo(r, w)))) return;
    globalShortcut.unregisterAll();
    registered = wanted;
    for (const combo of wanted) {
      const acc = accelerator(combo);
      const ok = acc !== null && globalShortcut.register(acc, () => void studio.execute('hotkey.triggerKeys', { combo }));
      if (!ok && !refused.has(comboText(combo))) {
        refused.add(comboText(combo));
        logger.log('warn', `${comboText(combo)} cannot be a global hotkey (the system or another app holds it); it still works in the studio window.`);
      }
    }
  };
  sync();
  const subscription = studio.subscribe((e) => {
    if (e.type === 'document.changed') sync();
  });
  return {
    dispose() {
      subscription.dispose();
      globalShortcut.unregisterAll();
    },
  };
}
