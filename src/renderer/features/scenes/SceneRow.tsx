import { useState, type MouseEvent } from 'react';
import type { Scene } from '../../../shared';
import { useActions, useServices, useUi } from '../../stores/context';
import type { MenuEntry } from '../editing/ContextMenu';
import { sceneMenu } from '../editing/menus';
import type { OrderMove } from '../editing/order';
import type { ReorderRowProps } from '../editing/useDragReorder';
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
  /** Opens the dock's context menu. */
  onMenu(e: MouseEvent, label: string, entries: MenuEntry[]): void;
  /** Moves this scene in the list (null: it cannot move). */
  onReorder: ((move: OrderMove) => void) | null;
  /** Drag this row onto another to take its place. */
  reorder?: ReorderRowProps;
}

/**
 * Click = cut to this scene (in studio mode: put it on preview, program stays); double click =
 * rename; × = remove (asks first).
 */
export function SceneRow({ scene, current, preview, studioMode, onMenu, onReorder, reorder }: Props) {
  const services = useServices();
  const { call } = useActions();
  const [renamingHere, setRenamingHere] = useState(false);
  const renamingFromMenu = useUi((s) => s.renaming?.type === 'scene' && s.renaming.sceneUuid === scene.uuid);
  const renaming = renamingHere || renamingFromMenu;
  const setRenaming = (on: boolean) => {
    setRenamingHere(on);
    if (!on && renamingFromMenu) services.ui.setState({ renaming: null });
  };
  if (renaming) {
    return (
      <li className="list-row">
        <InlineName
          initial={scene.name}
          label={`New name for scene ${scene.name}`}
          testId="scene-rename-input"
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
    <li className={classes} {...reorder} onContextMenu={(e) => onMenu(e, `Scene ${scene.name}`, sceneMenu(services, scene, onReorder))}>
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
