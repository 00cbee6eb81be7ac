import { useState } from 'react';
import { useActions, useStudio } from '../../stores/context';

/**
 * wss:// and the web origins allowed to drive the studio, kept in the profile. The server restarts
 * with them (tools reconnect); server mode's --ws-tls-* and --ws-allow-origin flags add to these.
 */
export function RemoteSecurity() {
  const { call } = useActions();
  const settings = useStudio((s) => s.document?.remoteControl ?? null);
  const [origins, setOrigins] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;
  const text = origins ?? settings.allowedOrigins.join('\n');

  const saveOrigins = async (): Promise<void> => {
    if (origins === null) return;
    const list = origins
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    const r = await call('remoteControl.set', { allowedOrigins: list }, { quiet: true });
    if (r.ok) {
      setOrigins(null);
      setError(null);
    } else setError(r.error.message);
  };

  return (
    <>
      <div className="field">
        <span className="field-label">Security</span>
        <div className="field-control">
          <span className="field-check">
            <input
              id="remote-tls"
              type="checkbox"
              checked={settings.tls}
              data-testid="remote-tls"
              onChange={(e) => void call('remoteControl.set', { tls: e.target.checked })}
            />
            <label htmlFor="remote-tls">Secure connection (wss://, with the studio's own certificate)</label>
          </span>
        </div>
        <p className="field-hint">Tools must trust the certificate in the data folder (tls/remote-cert.pem) once.</p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="remote-origins">
          Allowed web pages
        </label>
        <div className="field-control">
          <textarea
            id="remote-origins"
            className="input"
            rows={3}
            spellCheck={false}
            placeholder="https://companion.example"
            value={text}
            data-testid="remote-origins"
            onChange={(e) => setOrigins(e.target.value)}
            onBlur={() => void saveOrigins()}
          />
        </div>
        {error ? (
          <p className="field-error" role="alert" data-testid="remote-origins-error">
            {error}
          </p>
        ) : (
          <p className="field-hint">One origin per line. Native tools (Stream Deck, Companion) need none; other web pages are refused.</p>
        )}
      </div>
    </>
  );
}
