/**
 * The application menu: the page's menu bar (File, Edit, View, Docks, Tools, Help, sent as data
 * over IpcChannel.menuModel) mirrored natively, plus what only the desktop app has (File → Choose
 * FFmpeg…, Exit, macOS's app menu). Choosing a page item sends its id back (IpcChannel.menuAction)
 * and the page runs the same action its own menu bar would. Keys stay the page's: accelerators are
 * shown, never registered, so Ctrl+Z in a text field is still the field's.
 */
import { Menu, ipcMain, type BrowserWindow, type IpcMainEvent, type MenuItemConstructorOptions } from 'electron';
import { IpcChannel, MENU_LIMITS, isSeparator, type MenuItemSpec, type MenuNode, type TopMenuSpec } from '../shared';
import type { Disposable, Logger } from '../engine/api';

export interface MenuActions {
  chooseFfmpeg(): void;
  /** Tells the page which of its items was chosen. */
  send(id: string): void;
}

const ID = /^[a-z0-9][a-z0-9.:_-]*$/i;
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * A page's menu model, checked: bounded sizes, plain ids and labels, submenus one level deep.
 * Null when anything is off, so a broken page cannot put a half-read menu on screen.
 */
export function parseMenuModel(raw: unknown): TopMenuSpec[] | null {
  if (!Array.isArray(raw) || raw.length > MENU_LIMITS.menus) return null;
  let count = 0;
  const node = (n: unknown, depth: number): MenuNode | null => {
    if (++count > MENU_LIMITS.items || !n || typeof n !== 'object') return null;
    const r = n as Record<string, unknown>;
    if (r['separator'] === true) return { separator: true };
    if (!text(r['id'], MENU_LIMITS.id) || !ID.test(r['id']) || !text(r['label'], MENU_LIMITS.label) || typeof r['enabled'] !== 'boolean') return null;
    const item: MenuItemSpec = { id: r['id'], label: r['label'], enabled: r['enabled'] };
    if (r['checked'] !== undefined) {
      if (typeof r['checked'] !== 'boolean') return null;
      item.checked = r['checked'];
    }
    if (r['shortcut'] !== undefined) {
      if (!text(r['shortcut'], 40)) return null;
      item.shortcut = r['shortcut'];
    }
    if (r['items'] !== undefined) {
      if (depth > 0 || !Array.isArray(r['items'])) return null;
      const items = r['items'].map((c) => node(c, depth + 1));
      if (items.some((c) => c === null)) return null;
      item.items = items as MenuNode[];
    }
    return item;
  };
  const menus: TopMenuSpec[] = [];
  for (const m of raw) {
    if (!m || typeof m !== 'object') return null;
    const r = m as Record<string, unknown>;
    if (!text(r['id'], MENU_LIMITS.id) || !ID.test(r['id']) || !text(r['label'], MENU_LIMITS.label) || !Array.isArray(r['items'])) return null;
    const mnemonic = typeof r['mnemonic'] === 'string' && /^[a-z]$/.test(r['mnemonic']) ? r['mnemonic'] : '';
    const items = r['items'].map((c) => node(c, 0));
    if (items.some((c) => c === null)) return null;
    menus.push({ id: r['id'], label: r['label'], mnemonic, items: items as MenuNode[] });
  }
  return menus;
}

/** The page's "Ctrl+Shift+Z" as an Electron accelerator; undefined for one Electron would not read. */
export function accelerator(shortcut: string | undefined): string | undefined {
  if (!shortcut) return undefined;
  const a = shortcut.replace(/^Ctrl\+/, 'CmdOrCtrl+').replace(/\bDel$/, 'Delete');
  return /^((CmdOrCtrl|Shift|Alt)\+)*([A-Z0-9]|F\d{1,2}|Delete)$/.test(a) ? a : undefined;
}

/** Windows and Linux underline the letter after '&' and open the menu with Alt+it. */
function withMnemonic(label: string, mnemonic: string, mac: boolean): string {
  const plain = label.replace(/&/g, '&&');
  if (mac || !mnemonic) return plain;
  const i = plain.toLowerCase().indexOf(mnemonic);
  return i < 0 ? plain : `${plain.slice(0, i)}&${plain.slice(i)}`;
}

function items(nodes: MenuNode[], send: (id: string) => void, mac: boolean): MenuItemConstructorOptions[] {
  return nodes.map((n): MenuItemConstructorOptions => {
    if (isSeparator(n)) return { type: 'separator' };
    const label = n.label.replace(/&/g, '&&');
    if (n.items) return { id: n.id, label, enabled: n.enabled, submenu: items(n.items, send, mac) };
    const key = accelerator(n.shortcut);
    return {
      id: n.id,
      label,
      enabled: n.enabled,
      ...(n.checked !== undefined ? { type: 'checkbox' as const, checked: n.checked } : {}),
      ...(key ? { accelerator: key, registerAccelerator: false } : {}),
      click: () => send(n.id),
    };
  });
}

/**
 * The application menu's template for the page's menus (none yet: File with the desktop's own
 * items only). Pure, so it is tested without Electron.
 */
export function menuTemplate(menus: TopMenuSpec[], actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const own: Record<string, MenuItemConstructorOptions[]> = {
    file: [{ type: 'separator' }, { id: 'desktop.chooseFfmpeg', label: 'Choose FFmpeg…', click: () => actions.chooseFfmpeg() }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit', label: 'Exit' }],
    // macOS reads Cut/Copy/Paste in text fields from the Edit menu's roles.
    edit: mac ? [{ type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] : [],
    view: [{ type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const page = menus.some((m) => m.id === 'file') ? menus : [{ id: 'file', label: 'File', mnemonic: 'f', items: [] }, ...menus];
  const template: MenuItemConstructorOptions[] = page.map((m) => {
    const mine = own[m.id] ?? [];
    const submenu = [...items(m.items, actions.send, mac), ...(m.items.length > 0 ? mine : mine.filter((x, i) => i > 0 || x.type !== 'separator'))];
    return { id: `menu.${m.id}`, label: withMnemonic(m.label, m.mnemonic, mac), submenu };
  });
  return mac ? [{ role: 'appMenu' }, ...template] : template;
}

export function installMenu(menus: TopMenuSpec[], actions: MenuActions, platform: NodeJS.Platform = process.platform): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menus, actions, platform)));
}

export interface MenuOptions {
  logger: Logger;
  window(): BrowserWindow | null;
  trusted(event: IpcMainEvent): boolean;
  chooseFfmpeg(): void;
  platform?: NodeJS.Platform;
}

/**
 * Installs the menu now (the desktop's own items) and again whenever our page sends its menu bar;
 * a chosen item's id goes to the page only if the page's current menu has that item.
 */
export function bindMenu(opts: MenuOptions): Disposable {
  let menus: TopMenuSpec[] = [];
  const ids = new Set<string>();
  const send = (id: string): void => {
    const win = opts.window();
    if (!ids.has(id) || !win || win.isDestroyed()) return;
    win.webContents.send(IpcChannel.menuAction, id);
  };
  const install = (): void => installMenu(menus, { chooseFfmpeg: opts.chooseFfmpeg, send }, opts.platform);
  const onModel = (event: IpcMainEvent, raw: unknown): void => {
    if (!opts.trusted(event)) {
      opts.logger.log('warn', 'refused IPC from an unknown sender', { channel: IpcChannel.menuModel, url: event.senderFrame?.url ?? '(gone)' });
      return;
    }
    const parsed = parseMenuModel(raw);
    if (!parsed) return opts.logger.log('warn', 'dropped a malformed menu from the page');
    menus = parsed;
    ids.clear();
    const walk = (nodes: MenuNode[]): void => {
      for (const n of nodes) {
        if (isSeparator(n)) continue;
        if (n.items) walk(n.items);
        else ids.add(n.id);
      }
    };
    for (const m of menus) walk(m.items);
    install();
  };
  install();
  ipcMain.on(IpcChannel.menuModel, onModel);
  return { dispose: () => ipcMain.off(IpcChannel.menuModel, onModel) };
}
