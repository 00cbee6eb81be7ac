import { useState } from 'react';
import { useActions, useStudio } from '../../stores/context';
import { uniqueName } from '../sources/uniqueName';
import { Dock } from '../layout/Dock';
import { Icon } from '../layout/Icon';
import { InlineName } from '../layout/InlineName';
import { SceneRow } from './SceneRow';

export function ScenesDock() {
  const doc = useStudio((s) => s.document);
  const { call } = useActions();
  const [adding, setAdding] = useState(false);
  const scenes = doc?.scenes ?? [];
  return (
    <Dock
      title="Scenes"
      className="dock-scenes"
      actions={
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
      }
    >
      <ul className="list" aria-label="Scenes">
        {scenes.map((scene) => (
          <SceneRow key={scene.uuid} scene={scene} current={scene.uuid === doc?.currentSceneUuid} />
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
                void call('scene.create', { name });
              }}
            />
          </li>
        ) : null}
      </ul>
      {doc && scenes.length === 0 ? <p className="empty">No scenes yet.</p> : null}
    </Dock>
  );
}
