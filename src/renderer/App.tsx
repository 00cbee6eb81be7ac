import { ControlsDock } from './features/controls/ControlsDock';
import { SettingsDialog } from './features/controls/SettingsDialog';
import { TopBar } from './features/layout/TopBar';
import { ConnectionBanner } from './features/notices/ConnectionBanner';
import { MixerDock } from './features/mixer/MixerDock';
import { NoticeStack } from './features/notices/NoticeStack';
import { Preview } from './features/preview/Preview';
import { PropertiesDock } from './features/properties/PropertiesDock';
import { ScenesDock } from './features/scenes/ScenesDock';
import { AddSourceDialog } from './features/sources/AddSourceDialog';
import { SourcesDock } from './features/sources/SourcesDock';
import { StatsBar } from './features/stats/StatsBar';
import { useUi } from './stores/context';
import { useStore } from 'zustand';
import { dockStore, type DockId, type Side } from './features/docks/dockLayout';
import { useHotkeyKeys } from './features/hotkeys/useHotkeyKeys';

const DOCK_VIEWS: Record<DockId, React.ReactNode> = {
  scenes: <ScenesDock />,
  sources: <SourcesDock />,
  mixer: <MixerDock />,
  controls: <ControlsDock />,
  properties: <PropertiesDock />,
};

/** The studio shell: scenes and sources on the left, preview in the middle, controls and properties on the right. */
export function App() {
  useHotkeyKeys();
  const settingsOpen = useUi((s) => s.settingsOpen);
  const addSourceKind = useUi((s) => s.addSourceKind);
  const layout = useStore(dockStore);
  // Hidden docks stay mounted (display: none), so what they keep running (the destinations' feed in
  // Controls) goes on; the slot is display: contents, so a shown dock sizes as a direct child.
  const docks = (side: Side) =>
    layout[side].map((id) => (
      <div key={id} className="dock-slot" data-dock={id} hidden={layout.hidden.includes(id)}>
        {DOCK_VIEWS[id]}
      </div>
    ));
  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      <main className="workspace">
        <div className="column column-left">{docks('left')}</div>
        <div className="column-center">
          <Preview />
          <NoticeStack />
        </div>
        <div className="column column-right">{docks('right')}</div>
      </main>
      <StatsBar />
      {settingsOpen ? <SettingsDialog /> : null}
      {addSourceKind !== null ? <AddSourceDialog key={addSourceKind} kindId={addSourceKind} /> : null}
    </div>
  );
}
