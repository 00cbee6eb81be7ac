import { useState } from 'react';
import type { Scene } from '../../../shared';
import { useActions } from '../../stores/context';
import { ConfirmButton } from '../layout/ConfirmButton';
import { Icon } from '../layout/Icon';
import { InlineName } from '../layout/InlineName';

interface Props {
  scene: Scene;
  /** On program. */
  current: boolean;
  /** On preview (studio mode only). */
  preview: boolean;
  studioMode: boolean;
}

/**
 * Click = cut to this scene (in studio mode: put it on preview, program stays); double click =
 * rename; × = remove (asks first).
 */
export function SceneRow({ scene, current, preview, studioMode }: Props) {
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
  const classes = ['list-row', current ? 'list-row-current' : '', preview ? 'list-row-preview' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes}>
      <button
        type="button"
        className="list-main"
        aria-current={current ? 'true' : undefined}
        data-testid={`scene-${scene.name}`}
        title={
          studioMode
            ? 'Click to put this scene on preview, double-click to rename'
            : 'Click to switch program to this scene, double-click to rename'
        }
        onClick={() => {
          if (studioMode) {
            if (!preview) void call('scene.setPreview', { sceneUuid: scene.uuid });
          } else if (!current) void call('scene.setCurrent', { sceneUuid: scene.uuid });
        }}
        onDoubleClick={() => setRenaming(true)}
      >
        {scene.name}
      </button>
      {studioMode && current ? (
        <span className="scene-tag scene-tag-program" data-testid="scene-program">
          Program
        </span>
      ) : null}
      {preview ? (
        <span className="scene-tag scene-tag-preview" data-testid="scene-preview">
          Preview
        </span>
      ) : null}
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
