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
import { useHotkeyKeys } from './features/hotkeys/useHotkeyKeys';

/** The studio shell: scenes and sources on the left, preview in the middle, controls and properties on the right. */
export function App() {
  useHotkeyKeys();
  const settingsOpen = useUi((s) => s.settingsOpen);
  const addSourceKind = useUi((s) => s.addSourceKind);
  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      <main className="workspace">
        <div className="column column-left">
          <ScenesDock />
          <SourcesDock />
          <MixerDock />
        </div>
        <div className="column-center">
          <Preview />
          <NoticeStack />
        </div>
        <div className="column column-right">
          <ControlsDock />
          <PropertiesDock />
        </div>
      </main>
      <StatsBar />
      {settingsOpen ? <SettingsDialog /> : null}
      {addSourceKind !== null ? <AddSourceDialog key={addSourceKind} kindId={addSourceKind} /> : null}
    </div>
  );
}
