import { useEffect, useMemo } from 'react';
import type { KindDescriptor, SceneTransition, Settings } from '../../../shared';
import { createBatcher } from '../../forms/debounce';
import { PropertyForm } from '../../forms/PropertyForm';
import { SETTINGS_DEBOUNCE_MS } from '../../forms/useSettingsSender';
import { useActions } from '../../stores/context';
import { Modal } from '../layout/Modal';

interface Props {
  kind: KindDescriptor;
  transition: SceneTransition;
  onClose(): void;
}

/**
 * OBS's transition Properties: the current transition's settings, a form generated from its kind's
 * schema; changes go out as merged, debounced transition.set overlays (pending ones are sent on close).
 */
export function TransitionPropertiesDialog({ kind, transition, onClose }: Props) {
  const { call } = useActions();
  const batcher = useMemo(() => createBatcher<Settings>((settings) => void call('transition.set', { settings, overlay: true }), SETTINGS_DEBOUNCE_MS), [call]);
  useEffect(() => () => batcher.flush(), [batcher]);
  return (
    <Modal
      title={`${kind.displayName} properties`}
      onClose={onClose}
      footer={
        <button type="button" className="button button-primary" data-testid="transition-properties-close" onClick={onClose}>
          Close
        </button>
      }
    >
      <div data-testid="transition-properties-form">
        <PropertyForm
          kind={kind}
          settings={transition.settings}
          idPrefix="transition-prop"
          onChange={(name, value, now) => {
            batcher.push({ [name]: value });
            if (now) batcher.flush();
          }}
        />
      </div>
    </Modal>
  );
}
