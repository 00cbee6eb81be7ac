import { BROWSER_REFRESH_BUTTON, BROWSER_SOURCE, type Input, type KindDescriptor } from '../../../shared';
import { PropertyForm } from '../../forms/PropertyForm';
import { useSettingsSender } from '../../forms/useSettingsSender';
import { useActions } from '../../stores/context';

interface Props {
  input: Input;
  kind: KindDescriptor | null;
}

/** The kind-generated settings form for one input (keyed by input, so drafts never leak across). */
export function SettingsSection({ input, kind }: Props) {
  const send = useSettingsSender(input.uuid);
  const { call } = useActions();
  return (
    <section className="panel-section" aria-labelledby="settings-title">
      <header className="section-header">
        <h3 id="settings-title">{kind?.displayName ?? input.kind} settings</h3>
        {input.kind === BROWSER_SOURCE.id && (
          // OBS's "Refresh cache of current page" button (PressInputPropertiesButton refreshnocache).
          <button type="button" onClick={() => void call('input.pressButton', { inputUuid: input.uuid, propertyName: BROWSER_REFRESH_BUTTON })}>
            Refresh page
          </button>
        )}
      </header>
      {kind ? (
        <PropertyForm kind={kind} settings={input.settings} onChange={send} idPrefix={`prop-${input.uuid}`} />
      ) : (
        <p className="empty">The engine did not describe the kind “{input.kind}”, so there is nothing to edit here.</p>
      )}
    </section>
  );
}
