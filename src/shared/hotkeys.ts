/**
 * Hotkeys, OBS's model: every action has a name (OBS's own where the action matches, so Stream Deck
 * and Companion profiles made for OBS work: OBSBasic.StartStreaming, libobs.mute…), some act on a
 * context (a scene, an input), and any number of key combinations may be bound to each.
 * Key ids and modifiers are OBS's (OBS_KEY_A, OBS_KEY_F1…), as TriggerHotkeyByKeySequence sends them.
 */

export interface KeyCombo {
  /** OBS's key id: OBS_KEY_A … OBS_KEY_Z, OBS_KEY_0 … OBS_KEY_9, OBS_KEY_F1 … OBS_KEY_F24, OBS_KEY_NUM0 … */
  key: string;
  shift: boolean;
  control: boolean;
  alt: boolean;
  command: boolean;
}

export interface HotkeyBinding {
  name: string;
  /** The scene or input the action acts on; absent for studio-wide actions. */
  contextUuid?: string;
  keys: KeyCombo[];
}

/** One action the studio offers now (GetHotkeyList lists their names). */
export interface HotkeyAction {
  name: string;
  contextUuid?: string;
  /** The scene's or input's name (obs-websocket's contextName). */
  contextName?: string;
  /** What a person reads in Settings → Hotkeys. */
  label: string;
  /** Held actions (push-to-talk) act on press and on release. */
  held?: boolean;
}

/** How a key combo reads ("Ctrl+Shift+F1"). */
export function comboText(c: KeyCombo): string {
  const key = c.key.replace(/^OBS_KEY_/, '').replace(/^NUM(\d)$/, 'Num $1');
  return [c.control && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', c.command && 'Cmd', key].filter(Boolean).join('+');
}

export const sameCombo = (a: KeyCombo, b: KeyCombo): boolean =>
  a.key === b.key && a.shift === b.shift && a.control === b.control && a.alt === b.alt && a.command === b.command;

/**
 * OBS's key id for a browser KeyboardEvent.code, or null for keys that cannot be bound alone
 * (modifiers themselves). Covers letters, digits, F-keys, the numeric pad and the common named keys.
 */
export function obsKeyId(code: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^Key([A-Z])$/.exec(code))) return `OBS_KEY_${m[1]}`;
  if ((m = /^Digit(\d)$/.exec(code))) return `OBS_KEY_${m[1]}`;
  if ((m = /^F(\d{1,2})$/.exec(code))) return `OBS_KEY_F${m[1]}`;
  if ((m = /^Numpad(\d)$/.exec(code))) return `OBS_KEY_NUM${m[1]}`;
  const named: Record<string, string> = {
    Space: 'OBS_KEY_SPACE',
    Enter: 'OBS_KEY_RETURN',
    Escape: 'OBS_KEY_ESCAPE',
    Tab: 'OBS_KEY_TAB',
    Backspace: 'OBS_KEY_BACKSPACE',
    Insert: 'OBS_KEY_INSERT',
    Delete: 'OBS_KEY_DELETE',
    Home: 'OBS_KEY_HOME',
    End: 'OBS_KEY_END',
    PageUp: 'OBS_KEY_PAGEUP',
    PageDown: 'OBS_KEY_PAGEDOWN',
    ArrowUp: 'OBS_KEY_UP',
    ArrowDown: 'OBS_KEY_DOWN',
    ArrowLeft: 'OBS_KEY_LEFT',
    ArrowRight: 'OBS_KEY_RIGHT',
    Pause: 'OBS_KEY_PAUSE',
    NumpadAdd: 'OBS_KEY_NUMPLUS',
    NumpadSubtract: 'OBS_KEY_NUMMINUS',
    NumpadMultiply: 'OBS_KEY_NUMASTERISK',
    NumpadDivide: 'OBS_KEY_NUMSLASH',
    NumpadDecimal: 'OBS_KEY_NUMPERIOD',
    NumpadEnter: 'OBS_KEY_ENTER',
    Minus: 'OBS_KEY_MINUS',
    Equal: 'OBS_KEY_EQUAL',
    Comma: 'OBS_KEY_COMMA',
    Period: 'OBS_KEY_PERIOD',
    Slash: 'OBS_KEY_SLASH',
    Semicolon: 'OBS_KEY_SEMICOLON',
    Quote: 'OBS_KEY_APOSTROPHE',
    BracketLeft: 'OBS_KEY_BRACKETLEFT',
    BracketRight: 'OBS_KEY_BRACKETRIGHT',
    Backslash: 'OBS_KEY_BACKSLASH',
    Backquote: 'OBS_KEY_ASCIITILDE',
  };
  return named[code] ?? null;
}
