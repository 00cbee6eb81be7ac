import { AudioPanel } from './AudioPanel';
import { useConnected } from './context';
import { DestinationsPanel } from './DestinationsPanel';
import { GraphicsPanel } from './GraphicsPanel';
import { HealthPanel } from './HealthPanel';
import { NoticeToast } from './NoticeToast';
import { PreviewPanel } from './PreviewPanel';
import { ReconnectBanner } from './ReconnectBanner';
import { RecordPanel } from './RecordPanel';
import { ScenesPanel } from './ScenesPanel';
import { StreamPanel } from './StreamPanel';
import { StudioModePanel } from './StudioModePanel';
import { TitlesPanel } from './TitlesPanel';
import { TopBar } from './TopBar';

/** Scenes on the left (on top in portrait); stream, destinations, audio, titles and graphics beside them. */
export function Dashboard() {
  const connected = useConnected();
  return (
    <div className="remote">
      <TopBar />
      <ReconnectBanner />
      <main className={connected ? 'remote-main' : 'remote-main remote-main-stale'} aria-busy={!connected}>
        <div className="remote-col remote-col-scenes">
          <StudioModePanel />
          <ScenesPanel />
        </div>
        <div className="remote-col remote-col-side">
          <PreviewPanel />
          <StreamPanel />
          <RecordPanel />
          <HealthPanel />
          <DestinationsPanel />
          <AudioPanel />
          <TitlesPanel />
          <GraphicsPanel />
        </div>
      </main>
      <NoticeToast />
    </div>
  );
}
