import { useActions, useConnected, useRemote } from './context';
import { Panel } from './Panel';
import { SceneButton } from './SceneButton';

/** Every scene as a big button; the studio mode switch sits in the heading when the studio has one. */
export function ScenesPanel() {
  const scenes = useRemote((s) => s.scenes);
  const supported = useRemote((s) => s.studioMode.supported);
  const enabled = useRemote((s) => s.studioMode.enabled);
  const busy = useRemote((s) => Boolean(s.busy['studio-mode']));
  const connected = useConnected();
  const actions = useActions();
  const toggle = supported ? (
    <button
      type="button"
      className={enabled ? 'button button-toggle is-on' : 'button button-toggle'}
      data-testid="remote-studio-mode"
      aria-pressed={enabled}
      disabled={!connected || busy}
      onClick={() => void actions.setStudioMode(!enabled)}
    >
      Studio mode
    </button>
  ) : null;
  return (
    <Panel title="Scenes" testid="remote-scenes" actions={toggle}>
      {scenes.length ? (
        <div className="scene-grid">
          {scenes.map((scene) => (
            <SceneButton key={scene.name} scene={scene} />
          ))}
        </div>
      ) : (
        <p className="empty">No scenes yet.</p>
      )}
    </Panel>
  );
}
