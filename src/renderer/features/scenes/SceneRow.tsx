import { useState } from 'react';
import type { Scene } from '../../../shared';
import { useActions } from '../../stores/context';
import { ConfirmButton } from '../layout/ConfirmButton';
import { Icon } from '../layout/Icon';
import { InlineName } from '../layout/InlineName';

interface Props {
  scene: Scene;
  current: boolean;
}

/** Click = cut to this scene; double click = rename; × = remove (asks first). */
export function SceneRow({ scene, current }: Props) {
  const { call } = useActions();
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <li className="list-row">
        <InlineName
          initial={scene.name}
          label={`New name for scene ${scene.name}`}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) => {
            setRenaming(false);
            void call('scene.rename', { sceneUuid: scene.uuid, name });
          }}
        />
      </li>
    );
  }
  return (
    <li className={current ? 'list-row list-row-current' : 'list-row'}>
      <button
        type="button"
        className="list-main"
        aria-current={current ? 'true' : undefined}
        data-testid={`scene-${scene.name}`}
        title="Click to switch program to this scene, double-click to rename"
        onClick={() => {
          if (!current) void call('scene.setCurrent', { sceneUuid: scene.uuid });
        }}
        onDoubleClick={() => setRenaming(true)}
      >
        {scene.name}
      </button>
      <div className="row-tools">
        <button type="button" className="icon-button" title={`Rename scene ${scene.name}`} aria-label={`Rename scene ${scene.name}`} onClick={() => setRenaming(true)}>
          <Icon name="edit" />
        </button>
        <ConfirmButton
          label={`Remove scene ${scene.name}?`}
          title={`Remove scene ${scene.name}`}
          onConfirm={() => void call('scene.remove', { sceneUuid: scene.uuid })}
        >
          <Icon name="close" />
        </ConfirmButton>
      </div>
    </li>
  );
}
