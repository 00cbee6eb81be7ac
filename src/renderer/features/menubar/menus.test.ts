/**
 * The menu bar's contents: each item enabled only when it can apply, labelled with what it would
 * do, running the shared action; and the same menus as data for the desktop app, where an id
 * chosen there finds the same item.
 */
import { describe, expect, it } from 'vitest';
import type { StudioDocument } from '../../../shared';
import { DEFAULT_LAYOUT } from '../docks/dockLayout';
import { buildMenus, findItem, toSpec, type MenuActs, type MenuItem, type MenuState } from './menus';

function acts() {
  const calls: unknown[][] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  const names = ['undo', 'redo', 'newCollection', 'openCollection', 'importObs', 'exportCollection', 'settings', 'folder', 'copyTransform', 'pasteTransform', 'remove', 'preset', 'studioMode', 'graphs', 'dock', 'resetLayout', 'docs', 'about'];
  return { calls, act: Object.fromEntries(names.map((n) => [n, rec(n)])) as unknown as MenuActs };
}

const FOLDERS = { recordings: '/data/recordings', replays: '/data/recordings', screenshots: '/data/screenshots' };
const base = (over: Partial<MenuState> = {}): MenuState => ({
  host: 'server',
  connected: true,
  doc: { studioMode: false } as StudioDocument,
  edits: { undo: null, redo: null },
  selection: null,
  copied: false,
  layout: DEFAULT_LAYOUT,
  graphsOpen: false,
  collections: { current: 'Untitled', names: ['Untitled', 'Show'] },
  about: { version: '0.1.0', logFile: '/data/logs/studio.log', folders: FOLDERS },
  ...over,
});
const item = (s: MenuState, id: string, a = acts().act): MenuItem => findItem(buildMenus(s, a), id)!;

describe('buildMenus', () => {
  it("has OBS's six menus, each with an Alt letter", () => {
    const menus = buildMenus(base(), acts().act);
    expect(menus.map((m) => [m.label, m.mnemonic])).toEqual([
      ['File', 'f'],
      ['Edit', 'e'],
      ['View', 'v'],
      ['Docks', 'd'],
      ['Tools', 't'],
      ['Help', 'h'],
    ]);
  });

  it('offers Undo and Redo only when there is something, named after the change', () => {
    expect(item(base(), 'edit.undo')).toMatchObject({ label: 'Undo', enabled: false, hint: 'Nothing to undo' });
    expect(item(base(), 'edit.redo').enabled).toBe(false);
    const s = base({ edits: { undo: 'Rename scene', redo: 'Create scene' } });
    expect(item(s, 'edit.undo')).toMatchObject({ label: 'Undo Rename scene', enabled: true, shortcut: 'Ctrl+Z' });
    expect(item(s, 'edit.redo')).toMatchObject({ label: 'Redo Create scene', enabled: true });
    expect(item({ ...s, connected: false }, 'edit.undo').enabled).toBe(false);
  });

  it('offers the item edits only with a selected item, and no changes to a locked one', () => {
    for (const id of ['edit.copyTransform', 'edit.pasteTransform', 'edit.delete', 'edit.transform', 'edit.transform.fit']) expect(item(base(), id).enabled, id).toBe(false);
    const picked = base({ selection: { locked: false } });
    expect(item(picked, 'edit.copyTransform').enabled).toBe(true);
    expect(item(picked, 'edit.pasteTransform')).toMatchObject({ enabled: false, hint: 'Copy a transform first' });
    expect(item({ ...picked, copied: true }, 'edit.pasteTransform').enabled).toBe(true);
    expect(item(picked, 'edit.transform.flipH').enabled).toBe(true);
    const locked = base({ selection: { locked: true }, copied: true });
    expect(item(locked, 'edit.delete').enabled).toBe(true);
    expect(item(locked, 'edit.pasteTransform').enabled).toBe(false);
    expect(item(locked, 'edit.transform').enabled).toBe(false);
  });

  it('runs the shared actions with what the item is about', () => {
    const { calls, act } = acts();
    const s = base({ selection: { locked: false }, edits: { undo: 'Rename', redo: null } });
    for (const id of ['edit.undo', 'edit.transform.centre', 'file.open.1', 'tools.hotkeys', 'tools.remote', 'file.settings', 'view.dock.mixer', 'view.studioMode', 'help.docs.server-mode']) item(s, id, act).run!();
    expect(calls).toEqual([
      ['undo'],
      ['preset', 'centre'],
      ['openCollection', 'Show'],
      ['settings', 'hotkeys'],
      ['settings', 'remote'],
      ['settings'],
      ['dock', 'mixer', false],
      ['studioMode', true],
      ['docs', 'Server mode'],
    ]);
  });

  it('checks the docks shown, studio mode and the graphs, and the collection loaded', () => {
    const s = base({ layout: { ...DEFAULT_LAYOUT, hidden: ['mixer'] }, doc: { studioMode: true } as StudioDocument, graphsOpen: true });
    expect(item(s, 'view.dock.mixer').checked).toBe(false);
    expect(item(s, 'docks.dock.scenes').checked).toBe(true);
    expect(item(s, 'view.studioMode').checked).toBe(true);
    expect(item(s, 'view.stats').checked).toBe(true);
    expect(item(s, 'file.open.0').checked).toBe(true);
    expect(item(s, 'file.open.1').checked).toBe(false);
  });

  it('shows a folder in the desktop app; in a browser it copies the path and says why', () => {
    expect(item(base({ host: 'desktop' }), 'file.recordings')).toMatchObject({ label: 'Show recordings folder', enabled: true });
    const web = item(base(), 'tools.screenshots');
    expect(web.label).toBe('Copy screenshots folder path');
    expect(web.hint).toContain("cannot open folders on the studio's machine");
    expect(web.hint).toContain('/data/screenshots');
    expect(item(base({ about: null }), 'file.recordings').enabled).toBe(false);
  });

  it('offers nothing that needs the engine while disconnected, but Settings and the docks still', () => {
    const s = base({ connected: false });
    for (const id of ['file.new', 'file.open', 'file.importObs', 'file.export', 'view.studioMode', 'tools.importObs']) expect(item(s, id).enabled, id).toBe(false);
    for (const id of ['file.settings', 'view.dock.scenes', 'view.resetLayout', 'help.about']) expect(item(s, id).enabled, id).toBe(true);
  });
});

describe('toSpec', () => {
  it('is the same menus as plain data, and an id chosen there finds the same item', () => {
    const { calls, act } = acts();
    const menus = buildMenus(base({ edits: { undo: 'Rename', redo: null } }), act);
    const spec = toSpec(menus);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const undo = spec.find((m) => m.id === 'edit')!.items[0]!;
    expect(undo).toEqual({ id: 'edit.undo', label: 'Undo Rename', enabled: true, shortcut: 'Ctrl+Z' });
    findItem(menus, 'edit.undo')!.run!();
    expect(calls).toEqual([['undo']]);
    expect(findItem(menus, 'nope')).toBeNull();
  });
});
