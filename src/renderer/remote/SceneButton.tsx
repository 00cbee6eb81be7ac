import { useActions, useConnected, useRemote } from './context';
import type { SceneRef } from './store';
import { useThumbnail } from './useThumbnail';

/** One scene: its live thumbnail and name; a tap puts it on program (or preview in studio mode). */
export function SceneButton({ scene }: { scene: SceneRef }) {
  const actions = useActions();
  const connected = useConnected();
  const onProgram = useRemote((s) => s.program === scene.name);
  const onPreview = useRemote((s) => s.studioMode.enabled && s.preview === scene.name);
  const busy = useRemote((s) => Boolean(s.busy[`scene:${scene.name}`]));
  const { ref, thumb } = useThumbnail<HTMLButtonElement>(scene.name);
  const classes = ['scene', onProgram ? 'scene-program' : '', onPreview ? 'scene-preview' : '', busy ? 'is-busy' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      ref={ref}
      type="button"
      className={classes}
      data-testid={`remote-scene-${scene.name}`}
      aria-pressed={onProgram}
      disabled={!connected}
      onClick={() => void actions.selectScene(scene.name)}
    >
      <span className="scene-thumb">{thumb ? <img src={thumb} alt="" draggable={false} /> : null}</span>
      <span className="scene-label">
        <span className="scene-name" title={scene.name}>
          {middleCut(scene.name)}
        </span>
        {onProgram ? (
          <span className="tag tag-program" data-testid="remote-scene-current">
            Program
          </span>
        ) : null}
        {onPreview ? <span className="tag tag-preview">Preview</span> : null}
      </span>
    </button>
  );
}

/** Longer names keep their start and their end ("Camera 2 – wide…the stage left"): names that begin alike still differ where they end. */
export function middleCut(name: string, max = 44): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const tail = Math.floor(max * 0.4);
  return `${chars.slice(0, max - 1 - tail).join('').trimEnd()}…${chars.slice(-tail).join('').trimStart()}`;
}
