import { useRemote } from './context';
import { Panel } from './Panel';
import { TitleEditor } from './TitleEditor';

/**
 * Text to edit live: the studio's text sources. Lower thirds, scoreboards and countdowns have
 * their own controls in GraphicsPanel.
 */
export function TitlesPanel() {
  const titles = useRemote((s) => s.titles);
  return (
    <Panel title="Titles" testid="remote-titles">
      {titles.length ? (
        <div className="title-list">
          {titles.map((title) => (
            <TitleEditor key={title.name} title={title} />
          ))}
        </div>
      ) : (
        <p className="empty">No text sources.</p>
      )}
    </Panel>
  );
}
