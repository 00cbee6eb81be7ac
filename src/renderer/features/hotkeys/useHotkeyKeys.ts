import { useEffect } from 'react';
import { sameCombo, type KeyCombo } from '../../../shared';
import { useActions, useServices } from '../../stores/context';
import { comboOf, typingTarget } from './combo';

/**
 * In-window hotkeys (server mode, and the desktop window when focused): a bound key combination runs
 * its actions on press and, for held actions like push-to-talk, on release. Keys nobody bound never
 * leave the page, and typing in a field is never a hotkey.
 */
export function useHotkeyKeys(): void {
  const { studio } = useServices();
  const { call } = useActions();
  useEffect(() => {
    // The combo each held key was pressed with: a release may come after its modifiers' own.
    const held = new Map<string, KeyCombo>();
    const handle = (e: KeyboardEvent, pressed: boolean): void => {
      if (!pressed) {
        const combo = held.get(e.code);
        if (!combo) return;
        held.delete(e.code);
        e.preventDefault();
        void call('hotkey.triggerKeys', { combo, pressed: false });
        return;
      }
      if (typingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      const combo = comboOf(e);
      if (!combo) return;
      const bindings = studio.getState().document?.hotkeys ?? [];
      if (!bindings.some((b) => b.keys.some((k) => sameCombo(k, combo)))) return;
      e.preventDefault();
      // Auto-repeat sends many keydowns for one hold: one press, then one release.
      if (held.has(e.code)) return;
      held.set(e.code, combo);
      void call('hotkey.triggerKeys', { combo, pressed: true });
    };
    const down = (e: KeyboardEvent): void => handle(e, true);
    const up = (e: KeyboardEvent): void => handle(e, false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [studio, call]);
}
