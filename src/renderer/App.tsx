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
import { StatsDock } from './features/stats/StatsDock';
import { TransitionsDock } from './features/transitions/TransitionsDock';
import { useUi } from './stores/context';
import { useStore } from 'zustand';
import { dockStore, type DockId } from './features/docks/dockLayout';
import { DockColumn, DockDragGhost, SideSplitter, workspaceStyle } from './features/docks/DockColumn';
import { useDockDrag } from './features/docks/useDockDrag';
import { useHotkeyKeys } from './features/hotkeys/useHotkeyKeys';

const DOCK_VIEWS: Record<DockId, React.ReactNode> = {
  scenes: <ScenesDock />,
  sources: <SourcesDock />,
  mixer: <MixerDock />,
  transitions: <TransitionsDock />,
  controls: <ControlsDock />,
  properties: <PropertiesDock />,
  stats: <StatsDock />,
};

/**
 * The studio shell: scenes and sources on the left, preview in the middle, transitions, controls and
 * properties on the right (Stats there too, hidden), by default; the docks' columns, order and sizes
 * follow the saved dock layout. The status bar's graphs open in the Stats dock, so the preview keeps
 * its size.
 */
export function App() {
  useHotkeyKeys();
  const settingsOpen = useUi((s) => s.settingsOpen);
  const addSourceKind = useUi((s) => s.addSourceKind);
  const widths = useStore(dockStore, (l) => l.widths);
  const { drag, onPointerDown } = useDockDrag();
  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      <main className="workspace dock-workspace" style={workspaceStyle(widths)}>
        <DockColumn side="left" views={DOCK_VIEWS} drag={drag} onPointerDown={onPointerDown} />
        <SideSplitter side="left" />
        <div className="column-center">
          <Preview />
          <NoticeStack />
        </div>
        <SideSplitter side="right" />
        <DockColumn side="right" views={DOCK_VIEWS} drag={drag} onPointerDown={onPointerDown} />
      </main>
      {drag ? <DockDragGhost drag={drag} /> : null}
      <StatsBar />
      {settingsOpen ? <SettingsDialog /> : null}
      {addSourceKind !== null ? <AddSourceDialog key={addSourceKind} kindId={addSourceKind} /> : null}
    </div>
  );
}
