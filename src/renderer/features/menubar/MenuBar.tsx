import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LibraryList, ObsImportResult } from '../../../shared';
import { useServices, useStudio, useUi } from '../../stores/context';
import { findItem as findSceneItem } from '../../stores/selectors';
import { DEFAULT_LAYOUT, dockStore, setVisible } from '../docks/dockLayout';
import { copyItem, pasteTransform, presetItem, removeItem } from '../editing/item-actions';
import { downloadText, fileNameOf } from '../library/download';
import { FilePick } from '../library/FilePick';
import { ObsImportReport } from '../library/ObsImportReport';
import { Modal } from '../layout/Modal';
import { graphsStore, toggleGraphs } from '../stats/graphs';
import { AboutDialog } from './AboutDialog';
import type { DocSection } from './docs';
import { DocsDialog } from './DocsDialog';
import { showFolder } from './folder';
import { buildMenus, findItem, toSpec, type MenuActs, type MenuState } from './menus';
import { MenuBarView } from './MenuBarView';
import { NewCollectionDialog } from './NewCollectionDialog';
import { useAbout } from './useAbout';

const EMPTY: LibraryList = { current: '', names: [] };

type Dialog = { type: 'new' } | { type: 'import' } | { type: 'about' } | { type: 'docs'; section: DocSection } | { type: 'report'; result: ObsImportResult } | null;

/**
 * OBS's menu bar. In a browser it is drawn in the page; the desktop app shows the same menus as
 * its application menu (sent as data through the preload bridge) and sends back the item chosen,
 * which runs the same action as here.
 */
export function MenuBar() {
  const services = useServices();
  const { bridge, ui, actions } = services;
  const { call } = actions;
  const connected = useStudio((s) => s.connected);
  const doc = useStudio((s) => s.document);
  const edits = useStudio((s) => s.edits);
  const selected = useUi((s) => s.selected);
  const clipboard = useUi((s) => s.clipboard);
  const layout = useStore(dockStore);
  const graphsOpen = useStore(graphsStore, (s) => s.open);
  const [collections, setCollections] = useState(EMPTY);
  const about = useAbout();
  const [dialog, setDialog] = useState<Dialog>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // The collections (File → Open) change only with a library command.
  useEffect(() => {
    if (!connected) return;
    const refresh = () => void call('collection.list', {}, { quiet: true }).then((r) => r.ok && setCollections(r.value));
    refresh();
    return bridge.subscribe((e) => {
      if (e.type === 'document.changed' && /^(collection|profile)\./.test(e.data.cause)) refresh();
    });
  }, [connected, bridge, call]);

  const item = findSceneItem(doc, selected);
  const state: MenuState = {
    host: bridge.host,
    connected,
    doc,
    edits,
    selection: item ? { locked: item.locked } : null,
    copied: clipboard !== null,
    layout,
    graphsOpen,
    collections,
    about,
  };
  // The actions read the stores when they run, so a menu built a moment ago still acts on what is current.
  const ref = () => ui.getState().selected;
  const acts: MenuActs = {
    undo: () => void call('history.undo', {}),
    redo: () => void call('history.redo', {}),
    newCollection: () => setDialog({ type: 'new' }),
    openCollection: (name) => void call('collection.switch', { name }),
    // A file picker needs the user's own click in the page: the application menu's is not one, so
    // the desktop app asks for it in a small dialog first.
    importObs: () => (bridge.host === 'desktop' ? setDialog({ type: 'import' }) : fileInput.current?.click()),
    exportCollection: () => {
      const name = collections.current;
      void call('collection.export', { name }).then((r) => r.ok && downloadText(fileNameOf(name, ''), r.value.json));
    },
    settings: (tab) => ui.setState({ settingsOpen: true, settingsTab: tab ?? null }),
    folder: (kind) => void showFolder(bridge, actions, kind, about?.folders[kind]),
    copyTransform: () => {
      const r = ref();
      if (r) copyItem(services, r, false);
    },
    pasteTransform: () => {
      const r = ref();
      if (r) void pasteTransform(services, r);
    },
    remove: () => {
      const r = ref();
      if (r) void removeItem(services, r);
    },
    preset: (p) => {
      const r = ref();
      if (r) void presetItem(services, r, p);
    },
    studioMode: (enabled) => void call('studio.setMode', { enabled }),
    graphs: toggleGraphs,
    dock: (id, visible) => dockStore.setState(setVisible(dockStore.getState(), id, visible), true),
    resetLayout: () => dockStore.setState(DEFAULT_LAYOUT, true),
    docs: (section) => setDialog({ type: 'docs', section }),
    about: () => setDialog({ type: 'about' }),
  };
  const menus = buildMenus(state, acts);
  function importObs(json: string): void {
    void call('collection.importObs', { json }).then((r) => {
      if (r.ok) setDialog({ type: 'report', result: r.value });
    });
  }

  // The desktop app's application menu mirrors these menus; it is sent again only when it changes.
  const spec = JSON.stringify(toSpec(menus));
  const sent = useRef('');
  useEffect(() => {
    if (!bridge.setMenu || spec === sent.current) return;
    sent.current = spec;
    bridge.setMenu(JSON.parse(spec) as ReturnType<typeof toSpec>);
  }, [bridge, spec]);
  const latest = useRef(menus);
  latest.current = menus;
  useEffect(
    () =>
      bridge.onMenuAction?.((id) => {
        const chosen = findItem(latest.current, id);
        if (chosen?.enabled && chosen.run) chosen.run();
      }),
    [bridge],
  );

  return (
    <>
      {/* The desktop app has its application menu; a second one in the page would only repeat it. */}
      {bridge.host === 'desktop' ? null : <MenuBarView menus={menus} />}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="menubar-obs-import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then(importObs);
        }}
      />
      {dialog?.type === 'import' ? (
        <Modal title="Import OBS scene collection" onClose={() => setDialog(null)}>
          <div className="library-row">
            <FilePick label="Choose the OBS file…" testId="menubar-obs-import-pick" onText={importObs} />
            <span className="hint">An OBS scene collection (.json from OBS's scenes folder or Scene Collection → Export).</span>
          </div>
        </Modal>
      ) : null}
      {dialog?.type === 'new' ? <NewCollectionDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.type === 'about' ? <AboutDialog about={about} onClose={() => setDialog(null)} /> : null}
      {dialog?.type === 'docs' ? <DocsDialog section={dialog.section} onClose={() => setDialog(null)} /> : null}
      {dialog?.type === 'report' ? <ObsImportReport result={dialog.result} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
