import { useEffect, useRef, useState } from 'react';
import { sceneReaches } from '../../../shared';
import { useActions, useServices, useStudio, useUi } from '../../stores/context';
import { editedScene } from '../../stores/selectors';
import { Icon } from '../layout/Icon';

/** "+" in the Sources dock: a menu of the input kinds the engine offers. */
export function AddSourceMenu() {
  const { ui } = useServices();
  const kinds = useStudio((s) => s.kinds);
  const hasScene = useStudio((s) => s.document !== null);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const inputs = kinds.filter((k) => k.category === 'input');
  // Scenes that can be shown in this one (OBS: a scene is a source): never itself or one that shows it.
  const { call } = useActions();
  const doc = useStudio((s) => s.document);
  const canvasId = useUi((s) => s.editedCanvas);
  const here = editedScene(doc, canvasId);
  const nestable = doc && here ? doc.scenes.filter((s) => !s.isGroup && !sceneReaches(doc, s.uuid, here.uuid)) : [];
  return (
    <div className="menu-anchor" ref={rootRef}>
      <button
        type="button"
        className="icon-button"
        title="Add source"
        aria-label="Add source"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="source-add"
        disabled={!hasScene}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="plus" />
      </button>
      {open ? (
        <ul className="menu" role="menu" aria-label="Source kinds">
          {inputs.length === 0 ? <li className="menu-empty">No source kinds yet</li> : null}
          {inputs.map((k) => (
            <li key={k.id} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                data-testid={`source-kind-${k.id}`}
                autoFocus={k === inputs[0]}
                onClick={() => {
                  setOpen(false);
                  ui.setState({ addSourceKind: k.id });
                }}
              >
                {k.displayName}
              </button>
            </li>
          ))}
          {nestable.map((scene) => (
            <li key={scene.uuid} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                data-testid={`source-scene-${scene.name}`}
                onClick={() => {
                  setOpen(false);
                  if (here) void call('item.create', { sceneUuid: here.uuid, sourceUuid: scene.uuid });
                }}
              >
                Scene: {scene.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
