import { useEffect } from 'react';
import { useActions, useStudio } from '../../stores/context';
import { historyKey } from './keys';

/**
 * Undo and Redo for the scene collection. The history lives in the engine, so these take back a
 * change whoever made it (this window, another tab, a Stream Deck over obs-websocket).
 */
export function HistoryButtons() {
  const { call } = useActions();
  const history = useStudio((s) => s.edits);
  const connected = useStudio((s) => s.connected);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const which = historyKey(e, e.target instanceof HTMLElement ? e.target : null);
      if (!which) return;
      e.preventDefault();
      void call(which === 'undo' ? 'history.undo' : 'history.redo', {}, { quiet: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [call]);

  return (
    <span className="topbar-history">
      <button
        type="button"
        className="btn btn-small"
        disabled={!connected || !history.undo}
        title={history.undo ? `Undo: ${history.undo} (Ctrl+Z)` : 'Nothing to undo'}
        data-testid="undo"
        onClick={() => void call('history.undo', {})}
      >
        Undo
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={!connected || !history.redo}
        title={history.redo ? `Redo: ${history.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        data-testid="redo"
        onClick={() => void call('history.redo', {})}
      >
        Redo
      </button>
    </span>
  );
}
