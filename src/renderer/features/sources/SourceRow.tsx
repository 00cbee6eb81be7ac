import type { MouseEvent } from 'react';
import type { Input, Scene, SceneItem } from '../../../shared';
import { useActions, useServices, useStudio, useUi } from '../../stores/context';
import { findKind } from '../../stores/selectors';
import type { MenuEntry } from '../editing/ContextMenu';
import type { ReorderRowProps } from '../editing/useDragReorder';
import { itemMenu } from '../editing/menus';
import { Icon } from '../layout/Icon';
import { InlineName } from '../layout/InlineName';
import { SourceRemove } from './SourceRemove';

interface Props {
  sceneUuid: string;
  item: SceneItem;
  input: Input | null;
  /** The scene or group the item shows, when it shows one (OBS: a scene is a source). */
  nested?: Scene | null;
  /** 1 for a group's items, listed under it. */
  depth?: number;
  /** Index in the scene's items (0 = bottom). */
  index: number;
  count: number;
  selected: boolean;
  /** Opens the dock's context menu. */
  onMenu(e: MouseEvent, label: string, entries: MenuEntry[]): void;
  /** Drag this row onto another to take its place. */
  reorder?: ReorderRowProps;
}

/** One scene item: select, visibility, lock, mute (inputs with audio), stacking and removal. */
export function SourceRow({ sceneUuid, item, input, nested = null, depth = 0, index, count, selected, onMenu, reorder }: Props) {
  const services = useServices();
  const { ui } = services;
  const { call } = useActions();
  const hasAudio = useStudio((s) => findKind(s.kinds, input?.kind)?.audio === true);
  const renaming = useUi((s) => s.renaming?.type === 'item' && s.renaming.ref.sceneUuid === sceneUuid && s.renaming.ref.sceneItemId === item.sceneItemId);
  const ref = { sceneUuid, sceneItemId: item.sceneItemId };
  const name = input?.name ?? nested?.name ?? `(missing source ${item.sourceUuid})`;
  const classes = ['list-row', selected ? 'list-row-selected' : '', item.enabled ? '' : 'list-row-hidden'].filter(Boolean).join(' ');
  if (renaming && input) {
    return (
      <li className={classes}>
        <InlineName
          initial={input.name}
          label={`New name for source ${input.name}`}
          testId="source-rename-input"
          onCancel={() => ui.setState({ renaming: null })}
          onSubmit={(next) => {
            ui.setState({ renaming: null });
            void call('input.rename', { inputUuid: input.uuid, name: next });
          }}
        />
      </li>
    );
  }
  return (
    <li
      className={classes}
      {...reorder}
      style={depth > 0 ? { paddingLeft: `${depth * 1.5}em` } : undefined}
      data-depth={depth}
      onContextMenu={(e) => {
        ui.setState({ selected: ref });
        onMenu(e, `Source ${name}`, itemMenu(services, ref));
      }}
    >
      <button
        type="button"
        className={item.enabled ? 'icon-button toggle' : 'icon-button toggle toggle-off'}
        aria-pressed={item.enabled}
        aria-label={item.enabled ? `Hide ${name}` : `Show ${name}`}
        title={item.enabled ? 'Visible (click to hide)' : 'Hidden (click to show)'}
        data-testid={`source-eye-${name}`}
        onClick={() => void call('item.setEnabled', { ...ref, enabled: !item.enabled })}
      >
        <Icon name={item.enabled ? 'eye' : 'eyeOff'} />
      </button>
      <button
        type="button"
        className={item.locked ? 'icon-button toggle' : 'icon-button toggle toggle-off'}
        aria-pressed={item.locked}
        aria-label={item.locked ? `Unlock ${name}` : `Lock ${name}`}
        title={item.locked ? 'Locked (click to unlock)' : 'Unlocked (click to lock)'}
        onClick={() => void call('item.setLocked', { ...ref, locked: !item.locked })}
      >
        <Icon name={item.locked ? 'lock' : 'unlock'} />
      </button>
      <button
        type="button"
        className="list-main"
        aria-pressed={selected}
        data-testid={`source-${name}`}
        title={input ? `${name} (${input.kind})` : nested ? `${name} (${nested.isGroup ? 'group' : 'scene'})` : name}
        onClick={() => ui.setState({ selected: ref })}
      >
        {nested ? <span className="source-nested-tag">{nested.isGroup ? 'Group' : 'Scene'}: </span> : null}
        {name}
      </button>
      <div className="row-tools">
        {input && hasAudio ? (
          <button
            type="button"
            className={input.muted ? 'icon-button toggle toggle-off' : 'icon-button toggle'}
            aria-pressed={input.muted}
            aria-label={input.muted ? `Unmute ${name}` : `Mute ${name}`}
            title={input.muted ? 'Muted (click to unmute)' : 'Audible (click to mute)'}
            data-testid={`source-mute-${name}`}
            onClick={() => void call('input.setAudio', { inputUuid: input.uuid, muted: !input.muted })}
          >
            <Icon name={input.muted ? 'speakerOff' : 'speaker'} />
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${name} up`}
          title="Move up (in front)"
          disabled={index >= count - 1}
          onClick={() => void call('item.setIndex', { ...ref, index: index + 1 })}
        >
          <Icon name="up" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${name} down`}
          title="Move down (behind)"
          disabled={index <= 0}
          onClick={() => void call('item.setIndex', { ...ref, index: index - 1 })}
        >
          <Icon name="down" />
        </button>
        <SourceRemove
          name={name}
          onRemoveItem={() => void call('item.remove', ref)}
          onRemoveSource={() => {
            if (input) void call('input.remove', { inputUuid: input.uuid });
            // A nested scene stays a scene: only this item goes (a group goes with its item anyway).
            else void call('item.remove', ref);
          }}
        />
      </div>
    </li>
  );
}
