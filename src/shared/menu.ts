/**
 * The menu bar (File, Edit, View, Docks, Tools, Help) as data. The renderer builds it from its own
 * state and runs its actions; the desktop app mirrors it as Electron's application menu, which
 * sends back only an item's id (IpcChannel.menuAction), so both run the same action.
 */

export interface MenuItemSpec {
  /** Stable id the action is found by ("edit.undo", "dock.toggle.mixer"). */
  id: string;
  label: string;
  enabled: boolean;
  /** A check mark (a dock shown, studio mode on); absent: not a checkable item. */
  checked?: boolean;
  /** What the key does, shown beside the label ("Ctrl+Z"); the page handles the key itself. */
  shortcut?: string;
  /** A submenu (one level deep) instead of an action. */
  items?: MenuNode[];
}

export type MenuNode = MenuItemSpec | { separator: true };

export interface TopMenuSpec {
  id: string;
  label: string;
  /** The letter that opens it with Alt (OBS's &File, &Edit…), lowercase. */
  mnemonic: string;
  items: MenuNode[];
}

export const isSeparator = (n: MenuNode): n is { separator: true } => 'separator' in n;

/** Limits the desktop app holds a page's menu to (see src/main/menu.ts). */
export const MENU_LIMITS = { menus: 10, items: 400, label: 120, id: 80 } as const;
