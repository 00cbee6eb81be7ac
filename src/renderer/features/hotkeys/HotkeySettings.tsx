import { useEffect, useMemo, useState } from 'react';
import { comboText, type HotkeyAction, type HotkeyBinding, type KeyCombo } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { comboOf } from './combo';

const keyOf = (a: { name: string; contextUuid?: string }): string => `${a.name}|${a.contextUuid ?? ''}`;

/** Before a document: one list for every render (a selector that returned a new one each time would re-render without end). */
const NO_BINDINGS: readonly HotkeyBinding[] = [];

/**
 * Settings → Hotkeys: every action the studio offers, OBS's names underneath, each with the keys bound
 * to it. Click a row's key field and press the combination; Clear unbinds. Changes apply at once.
 * Keys work in this window (and globally in the desktop app where the OS allows it).
 */
export function HotkeySettings() {
  const { call } = useActions();
  const bindings = useStudio((s) => s.document?.hotkeys) ?? NO_BINDINGS;
  const revision = useStudio((s) => s.document?.revision ?? 0);
  const [actions, setActions] = useState<HotkeyAction[]>([]);
  const [filter, setFilter] = useState('');
  const [capturing, setCapturing] = useState<string | null>(null);

  useEffect(() => {
    // The list depends on the scenes and inputs: refreshed as the document changes.
    let live = true;
    void call('hotkey.list', {}, { quiet: true }).then((r) => {
      if (live && r.ok) setActions(r.value.actions);
    });
    return () => {
      live = false;
    };
  }, [call, revision]);

  const bound = useMemo(() => new Map(bindings.map((b) => [keyOf(b), b.keys])), [bindings]);
  const shown = actions.filter((a) => `${a.label} ${a.name}`.toLowerCase().includes(filter.trim().toLowerCase()));

  const bind = (a: HotkeyAction, keys: KeyCombo[]): void => {
    void call('hotkey.bind', { name: a.name, ...(a.contextUuid !== undefined && { contextUuid: a.contextUuid }), keys });
  };

  return (
    <fieldset className="settings-section" data-testid="hotkey-settings">
      <legend>Hotkeys</legend>
      <p className="field-hint">
        Click a key field, then press the combination. Keys work while this window has focus; Stream Deck and Companion can trigger the same
        actions by name over obs-websocket.
      </p>
      <input
        className="input"
        type="search"
        placeholder="Filter actions"
        value={filter}
        data-testid="hotkey-filter"
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="list hotkey-list">
        {shown.map((a) => {
          const id = keyOf(a);
          const keys = bound.get(id) ?? [];
          return (
            <li key={id} className="list-row hotkey-row">
              <span className="hotkey-label" title={a.name}>
                {a.label}
              </span>
              <button
                type="button"
                className={capturing === id ? 'input hotkey-keys is-capturing' : 'input hotkey-keys'}
                data-testid={`hotkey-keys-${a.label}`}
                onClick={() => setCapturing(id)}
                onBlur={() => setCapturing((c) => (c === id ? null : c))}
                onKeyDown={(e) => {
                  if (capturing !== id) return;
                  e.preventDefault();
                  e.stopPropagation();
                  if (e.key === 'Escape') return setCapturing(null);
                  const combo = comboOf(e);
                  if (!combo) return;
                  setCapturing(null);
                  bind(a, [combo]);
                }}
              >
                {capturing === id ? 'Press a key…' : keys.length > 0 ? keys.map(comboText).join(', ') : '—'}
              </button>
              <button type="button" className="button button-small" disabled={keys.length === 0} onClick={() => bind(a, [])}>
                Clear
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
