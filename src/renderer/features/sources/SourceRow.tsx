import type { Input, SceneItem } from '../../../shared';
import { useActions, useServices, useStudio } from '../../stores/context';
import { findKind } from '../../stores/selectors';
import { Icon } from '../layout/Icon';
import { SourceRemove } from './SourceRemove';

interface Props {
  sceneUuid: string;
  item: SceneItem;
  input: Input | null;
  /** Index in the scene's items (0 = bottom). */
  index: number;
  count: number;
  selected: boolean;
}

/** One scene item: select, visibility, lock, mute (inputs with audio), stacking and removal. */
export function SourceRow({ sceneUuid, item, input, index, count, selected }: Props) {
  const { ui } = useServices();
  const { call } = useActions();
  const hasAudio = useStudio((s) => findKind(s.kinds, input?.kind)?.audio === true);
  const ref = { sceneUuid, sceneItemId: item.sceneItemId };
  const name = input?.name ?? `(missing source ${item.sourceUuid})`;
  const classes = ['list-row', selected ? 'list-row-selected' : '', item.enabled ? '' : 'list-row-hidden'].filter(Boolean).join(' ');
  return (
    <li className={classes}>
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
        title={input ? `${name} (${input.kind})` : name}
        onClick={() => ui.setState({ selected: ref })}
      >
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
          }}
        />
      </div>
    </li>
  );
}
