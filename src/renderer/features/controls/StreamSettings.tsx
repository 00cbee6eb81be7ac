import { SettingsRow, type SectionProps } from './SettingsFields';

interface Props extends SectionProps {
  hasKey: boolean;
}

/** Where the stream goes. The stored key is never shown: the field only ever holds a new one. */
export function StreamSettings({ draft, set, errors, hasKey }: Props) {
  return (
    <fieldset className="settings-section">
      <legend>Stream</legend>
      <SettingsRow id="settings-server" label="Server" field="server" errors={errors} hint="rtmp://host/app, rtmps://… or srt://host:port">
        <input
          id="settings-server"
          className="input"
          type="url"
          spellCheck={false}
          placeholder="rtmp://live.example.com/app"
          value={draft.server}
          data-testid="settings-server"
          onChange={(e) => set({ server: e.target.value })}
        />
      </SettingsRow>
      <SettingsRow
        id="settings-key"
        label="Stream key"
        field="key"
        errors={errors}
        hint={hasKey ? 'A key is stored. Leave empty to keep it, or type a new one.' : 'No key stored yet.'}
      >
        <input
          id="settings-key"
          className="input"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={hasKey ? 'stored' : ''}
          value={draft.key}
          data-testid="settings-key"
          onChange={(e) => set({ key: e.target.value })}
        />
      </SettingsRow>
    </fieldset>
  );
}
