import { useStudio } from '../../stores/context';
import { currentScene } from '../../stores/selectors';
import { HistoryButtons } from '../history/HistoryButtons';
import { LibraryMenu } from '../library/LibraryMenu';
import { ViewMenu } from '../docks/ViewMenu';
import { MenuBar } from '../menubar/MenuBar';

/**
 * App title, the menu bar (then the quick buttons: collections, undo/redo, docks), program scene,
 * canvas format and whether this window feeds the output.
 */
export function TopBar() {
  const doc = useStudio((s) => s.document);
  const owner = useStudio((s) => s.outputOwner);
  const state = useStudio((s) => s.streamState);
  const scene = currentScene(doc);
  const v = doc?.video;
  return (
    <header className="topbar">
      <h1 className="app-title">Broadcast Studio</h1>
      <MenuBar />
      <LibraryMenu />
      <HistoryButtons />
      <ViewMenu />
      <div className="topbar-info">
        {scene ? (
          <span className="pill" title="Scene on program">
            Program: <strong>{scene.name}</strong>
          </span>
        ) : null}
        {v ? (
          <span className="pill" title="Base resolution and frame rate">
            {v.baseWidth}×{v.baseHeight} @ {Math.round((v.fpsNumerator / v.fpsDenominator) * 100) / 100} fps
          </span>
        ) : null}
        {owner ? (
          <span className="pill pill-on" title="This window composites the frames being encoded">
            Output from this window
          </span>
        ) : state !== 'idle' && state !== 'failed' ? (
          <span className="pill" title="Another window (the desktop app or the headless compositor) sends the frames">
            Output from another window
          </span>
        ) : null}
        {state === 'live' ? <span className="pill pill-live">LIVE</span> : null}
      </div>
    </header>
  );
}
