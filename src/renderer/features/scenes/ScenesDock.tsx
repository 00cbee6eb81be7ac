import { useState } from 'react';
import { plainScenes } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { useContextMenu } from '../editing/ContextMenu';
import { orderIndex, type OrderMove } from '../editing/order';
import { useDragReorder } from '../editing/useDragReorder';
import { SceneFiltersDialog } from '../editing/SceneFiltersDialog';
import { uniqueName } from '../sources/uniqueName';
import { Dock } from '../layout/Dock';
import { Icon } from '../layout/Icon';
import { InlineName } from '../layout/InlineName';
import { SceneRow } from './SceneRow';
import { TransitionOverrideDialog } from './TransitionOverrideDialog';

export function ScenesDock() {
  const doc = useStudio((s) => s.document);
  const { call } = useActions();
  const [adding, setAdding] = useState(false);
  // Groups are scenes inside but not listed here (OBS lists them in the Sources dock only).
  const scenes = doc ? plainScenes(doc) : [];
  const studioMode = doc?.studioMode ?? false;
  const menu = useContextMenu();
  // Scene order: the Scenes list (groups are not listed), top first; a row dropped on another takes its place.
  const listed = () => (doc?.scenes ?? []).filter((s) => !s.isGroup);
  const moveScene = (sceneUuid: string, index: number | null) => {
    if (index !== null && index >= 0) void call('scene.setIndex', { sceneUuid, index });
  };
  const sceneDrag = useDragReorder<string>((dragged, onto) => moveScene(dragged, listed().findIndex((s) => s.uuid === onto)));
  const orderScene = (sceneUuid: string, move: OrderMove) => {
    const list = listed();
    moveScene(sceneUuid, orderIndex(list.findIndex((s) => s.uuid === sceneUuid), list.length, move, false));
  };
  /** As in OBS, a new scene is the one you edit next: program, or preview in studio mode. */
  const addScene = async (name: string): Promise<void> => {
    const created = await call('scene.create', { name });
    if (!created.ok) return;
    const sceneUuid = created.value.sceneUuid;
    await call(studioMode ? 'scene.setPreview' : 'scene.setCurrent', { sceneUuid });
  };
  return (
    <Dock
      title="Scenes"
      className="dock-scenes"
      actions={
        <>
          <button
            type="button"
            className={studioMode ? 'button button-small is-on' : 'button button-small'}
            title="Studio mode: clicking a scene puts it on preview, where edits go (the canvas shows it), and Take puts the preview on program."
            aria-pressed={studioMode}
            data-testid="studio-mode"
            disabled={!doc}
            onClick={() => void call('studio.setMode', { enabled: !studioMode })}
          >
            Studio mode
          </button>
          <button
            type="button"
            className="icon-button"
            title="Add scene"
            aria-label="Add scene"
            data-testid="scene-add"
            disabled={!doc}
            onClick={() => setAdding(true)}
          >
            <Icon name="plus" />
          </button>
        </>
      }
    >
      {studioMode ? (
        <div className="studio-take">
          <button
            type="button"
            className="button button-primary"
            title="Put the preview scene on program (a cut); program goes to preview"
            data-testid="studio-take"
            disabled={doc?.previewSceneUuid === doc?.currentSceneUuid}
            onClick={() => void call('studio.take', {})}
          >
            Take
          </button>
        </div>
      ) : null}
      <ul className="list" aria-label="Scenes">
        {scenes.map((scene) => (
          <SceneRow
            key={scene.uuid}
            scene={scene}
            current={scene.uuid === doc?.currentSceneUuid}
            preview={studioMode && scene.uuid === doc?.previewSceneUuid}
            studioMode={studioMode}
            onMenu={menu.open}
            onReorder={(move) => orderScene(scene.uuid, move)}
            reorder={sceneDrag(scene.uuid)}
          />
        ))}
        {adding ? (
          <li className="list-row">
            <InlineName
              initial={uniqueName('Scene', scenes.map((s) => s.name))}
              acceptUnchanged
              label="New scene name"
              testId="scene-name-input"
              onCancel={() => setAdding(false)}
              onSubmit={(name) => {
                setAdding(false);
                void addScene(name);
              }}
            />
          </li>
        ) : null}
      </ul>
      {doc && scenes.length === 0 ? <p className="empty">No scenes yet.</p> : null}
      {menu.menu}
      <TransitionOverrideDialog />
      <SceneFiltersDialog />
    </Dock>
  );
}
