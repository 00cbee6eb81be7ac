/**
 * The menu bar's contents (OBS's File, Edit, View, Docks, Tools, Help) from the studio's state:
 * what each item says, whether it can apply now, and what it runs. The in-page menu bar draws
 * this; the desktop app mirrors it (ids and labels only) as its application menu and sends back
 * the id chosen, which runs the same `run` here. Pure: the effects come in as `act`.
 */
import type { FolderKind, LibraryList, MenuItemSpec, StudioAbout, StudioDocument, TopMenuSpec } from '../../../shared';
import { DOCKS, type DockId, type DockLayout } from '../docks/dockLayout';
import { PRESET_LABELS, type TransformPreset } from '../preview/presets';
import { DOC_SECTIONS, type DocSection } from './docs';

export interface MenuItem extends Omit<MenuItemSpec, 'items'> {
  /** A tooltip in the page (why an item is disabled, or what it does in this host). */
  hint?: string;
  run?: () => void;
  items?: MenuEntry[];
}
export type MenuEntry = MenuItem | { separator: true };
export interface TopMenu extends Omit<TopMenuSpec, 'items'> {
  items: MenuEntry[];
}

/** What the items do; MenuBar supplies them. */
export interface MenuActs {
  undo(): void;
  redo(): void;
  newCollection(): void;
  openCollection(name: string): void;
  importObs(): void;
  exportCollection(): void;
  settings(tab?: 'output' | 'hotkeys' | 'remote'): void;
  folder(kind: FolderKind): void;
  copyTransform(): void;
  pasteTransform(): void;
  remove(): void;
  preset(preset: TransformPreset): void;
  studioMode(enabled: boolean): void;
  graphs(): void;
  dock(id: DockId, visible: boolean): void;
  resetLayout(): void;
  docs(section: DocSection): void;
  about(): void;
}

export interface MenuState {
  host: 'desktop' | 'server';
  connected: boolean;
  doc: StudioDocument | null;
  edits: { undo: string | null; redo: string | null };
  /** The selected item exists, and whether it is locked; null: nothing selected. */
  selection: { locked: boolean } | null;
  /** A transform has been copied. */
  copied: boolean;
  layout: DockLayout;
  graphsOpen: boolean;
  collections: LibraryList;
  about: StudioAbout | null;
}

const SEP = { separator: true } as const;
const PRESETS: TransformPreset[] = ['fit', 'stretch', 'centre', 'flipH', 'flipV', 'reset'];
const FOLDER_LABEL: Record<FolderKind, string> = { recordings: 'recordings', replays: 'replays', screenshots: 'screenshots' };
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** "Show recordings folder" in the desktop app; in a browser, the path to copy (it cannot open folders there). */
export function folderItem(s: MenuState, act: MenuActs, kind: FolderKind, id: string): MenuItem {
  const path = s.about?.folders[kind];
  if (s.host === 'desktop') return { id, label: `Show ${FOLDER_LABEL[kind]} folder`, enabled: s.connected, hint: path, run: () => act.folder(kind) };
  return {
    id,
    label: `Copy ${FOLDER_LABEL[kind]} folder path`,
    enabled: s.connected && !!path,
    hint: `A browser cannot open folders on the studio's machine; this copies the path${path ? ` (${path})` : ''}.`,
    run: () => act.folder(kind),
  };
}

function dockItems(s: MenuState, act: MenuActs, prefix: string): MenuItem[] {
  return DOCKS.map((d) => {
    const shown = !s.layout.hidden.includes(d.id);
    return { id: `${prefix}.${d.id}`, label: d.label, enabled: true, checked: shown, run: () => act.dock(d.id, !shown) };
  });
}

export function buildMenus(s: MenuState, act: MenuActs): TopMenu[] {
  const on = s.connected && s.doc !== null;
  const item = on ? s.selection : null;
  const editable = item !== null && !item.locked;
  const noItem = 'Select a source in the preview or the Sources dock first';
  const current = s.collections.current;
  return [
    {
      id: 'file',
      label: 'File',
      mnemonic: 'f',
      items: [
        { id: 'file.new', label: 'New scene collection…', enabled: on, run: act.newCollection },
        {
          id: 'file.open',
          label: 'Open scene collection',
          enabled: on && s.collections.names.length > 0,
          items: s.collections.names.map((name, i) => ({ id: `file.open.${i}`, label: name, enabled: true, checked: name === current, run: () => act.openCollection(name) })),
        },
        { id: 'file.importObs', label: 'Import OBS scene collection…', enabled: on, run: act.importObs },
        { id: 'file.export', label: 'Export scene collection…', enabled: on && current !== '', run: act.exportCollection },
        SEP,
        { id: 'file.settings', label: 'Settings…', enabled: true, run: () => act.settings() },
        folderItem(s, act, 'recordings', 'file.recordings'),
      ],
    },
    {
      id: 'edit',
      label: 'Edit',
      mnemonic: 'e',
      items: [
        {
          id: 'edit.undo',
          label: s.edits.undo ? `Undo ${s.edits.undo}` : 'Undo',
          shortcut: 'Ctrl+Z',
          enabled: s.connected && !!s.edits.undo,
          hint: s.edits.undo ? undefined : 'Nothing to undo',
          run: act.undo,
        },
        {
          id: 'edit.redo',
          label: s.edits.redo ? `Redo ${s.edits.redo}` : 'Redo',
          shortcut: 'Ctrl+Shift+Z',
          enabled: s.connected && !!s.edits.redo,
          hint: s.edits.redo ? undefined : 'Nothing to redo',
          run: act.redo,
        },
        SEP,
        { id: 'edit.copyTransform', label: 'Copy transform', shortcut: 'Ctrl+Shift+C', enabled: item !== null, hint: item ? undefined : noItem, run: act.copyTransform },
        {
          id: 'edit.pasteTransform',
          label: 'Paste transform',
          shortcut: 'Ctrl+Shift+V',
          enabled: editable && s.copied,
          hint: !item ? noItem : item.locked ? 'The selected source is locked' : s.copied ? undefined : 'Copy a transform first',
          run: act.pasteTransform,
        },
        { id: 'edit.delete', label: 'Delete', shortcut: 'Del', enabled: item !== null, hint: item ? undefined : noItem, run: act.remove },
        SEP,
        {
          id: 'edit.transform',
          label: 'Transform',
          enabled: editable,
          hint: !item ? noItem : item.locked ? 'The selected source is locked' : undefined,
          items: PRESETS.map((p) => ({ id: `edit.transform.${p}`, label: PRESET_LABELS[p], enabled: editable, run: () => act.preset(p) })),
        },
      ],
    },
    {
      id: 'view',
      label: 'View',
      mnemonic: 'v',
      items: [
        { id: 'view.docks', label: 'Docks', enabled: true, items: dockItems(s, act, 'view.dock') },
        { id: 'view.resetLayout', label: 'Reset layout', enabled: true, run: act.resetLayout },
        SEP,
        { id: 'view.studioMode', label: 'Studio mode', enabled: on, checked: s.doc?.studioMode ?? false, run: () => act.studioMode(!(s.doc?.studioMode ?? false)) },
        { id: 'view.stats', label: 'Stats graphs', enabled: true, checked: s.graphsOpen, run: act.graphs },
      ],
    },
    {
      id: 'docks',
      label: 'Docks',
      mnemonic: 'd',
      items: [...dockItems(s, act, 'docks.dock'), SEP, { id: 'docks.reset', label: 'Reset docks', enabled: true, run: act.resetLayout }],
    },
    {
      id: 'tools',
      label: 'Tools',
      mnemonic: 't',
      items: [
        { id: 'tools.encoders', label: 'Encoder test…', enabled: true, hint: 'Settings → Output: which encoders work on this machine', run: () => act.settings('output') },
        { id: 'tools.hotkeys', label: 'Hotkeys…', enabled: true, run: () => act.settings('hotkeys') },
        { id: 'tools.remote', label: 'WebSocket server settings…', enabled: true, hint: 'obs-websocket remote control', run: () => act.settings('remote') },
        { id: 'tools.importObs', label: 'Import from OBS…', enabled: on, run: act.importObs },
        SEP,
        folderItem(s, act, 'replays', 'tools.replays'),
        folderItem(s, act, 'screenshots', 'tools.screenshots'),
      ],
    },
    {
      id: 'help',
      label: 'Help',
      mnemonic: 'h',
      items: [
        {
          id: 'help.docs',
          label: 'Documentation',
          enabled: true,
          items: DOC_SECTIONS.map((d) => ({ id: `help.docs.${slug(d)}`, label: d, enabled: true, run: () => act.docs(d) })),
        },
        { id: 'help.about', label: 'About Broadcast Studio', enabled: true, run: act.about },
      ],
    },
  ];
}

/** The menus as data for the desktop app (no functions, no hints). */
export function toSpec(menus: TopMenu[]): TopMenuSpec[] {
  const node = (n: MenuEntry): TopMenuSpec['items'][number] => {
    if ('separator' in n) return n;
    const out: MenuItemSpec = { id: n.id, label: n.label, enabled: n.enabled };
    if (n.checked !== undefined) out.checked = n.checked;
    if (n.shortcut) out.shortcut = n.shortcut;
    if (n.items) out.items = n.items.map(node);
    return out;
  };
  return menus.map((m) => ({ id: m.id, label: m.label, mnemonic: m.mnemonic, items: m.items.map(node) }));
}

/** The item with this id, anywhere in the menus (the desktop app's choice). */
export function findItem(menus: TopMenu[], id: string): MenuItem | null {
  const inList = (list: MenuEntry[]): MenuItem | null => {
    for (const n of list) {
      if ('separator' in n) continue;
      if (n.id === id) return n;
      const found = n.items ? inList(n.items) : null;
      if (found) return found;
    }
    return null;
  };
  return inList(menus.flatMap((m) => m.items));
}
