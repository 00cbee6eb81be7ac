/**
 * The desktop application menu: the page's menu bar mirrored item for item (labels, disabled and
 * checked states, shortcuts shown but left to the page), the desktop's own items added, a chosen
 * item's id sent back to our page only, and a malformed or foreign menu never installed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { IpcChannel, type TopMenuSpec } from '../shared';
import { accelerator, bindMenu, installMenu, menuTemplate, parseMenuModel } from './menu';
import { FakeBrowserWindow, fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

beforeEach(() => fakeElectron.reset());

const MENUS: TopMenuSpec[] = [
  { id: 'file', label: 'File', mnemonic: 'f', items: [{ id: 'file.settings', label: 'Settings…', enabled: true }] },
  {
    id: 'edit',
    label: 'Edit',
    mnemonic: 'e',
    items: [
      { id: 'edit.undo', label: 'Undo Rename', enabled: true, shortcut: 'Ctrl+Z' },
      { id: 'edit.redo', label: 'Redo', enabled: false, shortcut: 'Ctrl+Shift+Z' },
      { separator: true },
      { id: 'edit.delete', label: 'Delete', enabled: false, shortcut: 'Del' },
      { id: 'edit.transform', label: 'Transform', enabled: true, items: [{ id: 'edit.transform.fit', label: 'Fit to screen', enabled: true, shortcut: 'Ctrl+F' }] },
    ],
  },
  { id: 'docks', label: 'Docks', mnemonic: 'd', items: [{ id: 'dock.toggle.mixer', label: 'Audio Mixer', enabled: true, checked: false }] },
];

type Item = MenuItemConstructorOptions & { submenu?: Item[] };
const noop = { chooseFfmpeg: () => {}, send: () => {} };
const top = (t: Item[], id: string) => t.find((m) => m.id === `menu.${id}`)!.submenu!;
const byId = (list: Item[], id: string) => list.find((i) => i.id === id)!;

describe('menuTemplate', () => {
  it("mirrors the page's menus with Alt letters, enabled and checked states", () => {
    const t = menuTemplate(MENUS, noop, 'linux') as Item[];
    expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&Docks']);
    const edit = top(t, 'edit');
    expect(byId(edit, 'edit.undo')).toMatchObject({ label: 'Undo Rename', enabled: true, accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(byId(edit, 'edit.redo')).toMatchObject({ enabled: false, accelerator: 'CmdOrCtrl+Shift+Z' });
    expect(byId(edit, 'edit.delete')).toMatchObject({ enabled: false, accelerator: 'Delete' });
    expect(edit[2]).toEqual({ type: 'separator' });
    expect(byId(byId(edit, 'edit.transform').submenu!, 'edit.transform.fit')).toMatchObject({ label: 'Fit to screen' });
    expect(byId(top(t, 'docks'), 'dock.toggle.mixer')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('sends the id of the item chosen, and runs the desktop-only items itself', () => {
    const sent: string[] = [];
    let chosen = 0;
    const t = menuTemplate(MENUS, { chooseFfmpeg: () => chosen++, send: (id) => sent.push(id) }, 'linux') as Item[];
    (byId(top(t, 'edit'), 'edit.undo').click as () => void)();
    (byId(byId(top(t, 'edit'), 'edit.transform').submenu!, 'edit.transform.fit').click as () => void)();
    (byId(top(t, 'file'), 'desktop.chooseFfmpeg').click as () => void)();
    expect(sent).toEqual(['edit.undo', 'edit.transform.fit']);
    expect(chosen).toBe(1);
    expect(top(t, 'file').at(-1)).toEqual({ role: 'quit', label: 'Exit' });
  });

  it("has File with the desktop's own items before the page has sent its menus", () => {
    const t = menuTemplate([], noop, 'win32') as Item[];
    expect(t.map((m) => m.label)).toEqual(['&File']);
    expect(top(t, 'file').map((i) => i.id ?? i.role ?? i.type)).toEqual(['desktop.chooseFfmpeg', 'separator', 'quit']);
  });

  it("on macOS: the app menu first, no Alt letters, Close instead of Exit, text editing roles in Edit", () => {
    const t = menuTemplate(MENUS, noop, 'darwin') as Item[];
    expect(t[0]).toEqual({ role: 'appMenu' });
    expect(t.slice(1).map((m) => m.label)).toEqual(['File', 'Edit', 'Docks']);
    expect(top(t, 'file').at(-1)).toEqual({ role: 'close' });
    expect(top(t, 'edit').map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('shows a shortcut Electron reads, and none it would not', () => {
    expect(accelerator('F2')).toBe('F2');
    expect(accelerator('Ctrl+Shift+V')).toBe('CmdOrCtrl+Shift+V');
    expect(accelerator('Alt+Click')).toBeUndefined();
    expect(accelerator(undefined)).toBeUndefined();
  });

  it('installs what it builds', () => {
    installMenu(MENUS, noop, 'linux');
    const { template } = fakeElectron.Menu.installed as { template: Item[] };
    expect(template.map((m) => m.id)).toEqual(['menu.file', 'menu.edit', 'menu.docks']);
  });
});

describe('parseMenuModel', () => {
  it('keeps a well-formed model as it is', () => {
    expect(parseMenuModel(JSON.parse(JSON.stringify(MENUS)))).toEqual(MENUS);
  });

  it('refuses anything malformed, oversized or nested deeper than one submenu', () => {
    const item = { id: 'x', label: 'X', enabled: true };
    const bad: unknown[] = [
      null,
      'menus',
      [{ id: 'file', label: 'File', items: 'no' }],
      [{ id: 'file', label: 'File', items: [{ ...item, enabled: 'yes' }] }],
      [{ id: 'file', label: 'File', items: [{ ...item, id: 'a b' }] }],
      [{ id: 'file', label: 'File', items: [{ ...item, label: 'x'.repeat(500) }] }],
      [{ id: 'file', label: 'File', items: [{ ...item, items: [{ ...item, items: [item] }] }] }],
      [{ id: 'file', label: 'File', items: Array.from({ length: 1000 }, () => item) }],
    ];
    for (const raw of bad) expect(parseMenuModel(raw)).toBeNull();
  });
});

describe('bindMenu', () => {
  function bind(trusted = true) {
    const win = new FakeBrowserWindow({});
    const binding = bindMenu({ logger: { log: () => {} }, trusted: () => trusted, window: () => win as never, chooseFfmpeg: () => {}, platform: 'linux' });
    const installed = () => (fakeElectron.Menu.installed as { template: Item[] }).template;
    return { win, binding, installed };
  }

  it("installs the page's menu when it arrives and sends chosen ids to the page", () => {
    const { win, installed } = bind();
    expect(installed().map((m) => m.id)).toEqual(['menu.file']);
    fakeElectron.ipcMain.emit(IpcChannel.menuModel, {}, MENUS);
    expect(installed().map((m) => m.id)).toEqual(['menu.file', 'menu.edit', 'menu.docks']);
    (byId(top(installed(), 'edit'), 'edit.undo').click as () => void)();
    expect(win.webContents.sent).toEqual([[IpcChannel.menuAction, 'edit.undo']]);
    // A newer menu without that item: a click from a stale native menu sends nothing.
    const stale = byId(top(installed(), 'edit'), 'edit.undo').click as () => void;
    fakeElectron.ipcMain.emit(IpcChannel.menuModel, {}, [MENUS[0]]);
    stale();
    expect(win.webContents.sent).toHaveLength(1);
  });

  it('ignores a menu from an untrusted sender or a malformed one, and stops listening once disposed', () => {
    const { binding, installed } = bind(false);
    fakeElectron.ipcMain.emit(IpcChannel.menuModel, {}, MENUS);
    expect(installed().map((m) => m.id)).toEqual(['menu.file']);
    binding.dispose();
    expect(fakeElectron.ipcMain.count(IpcChannel.menuModel)).toBe(0);
    const trusted = bind(true);
    fakeElectron.ipcMain.emit(IpcChannel.menuModel, {}, [{ id: 'file', label: 'File', items: [{ id: '' }] }]);
    expect(trusted.installed().map((m) => m.id)).toEqual(['menu.file']);
  });
});
