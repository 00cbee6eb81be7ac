import { useEffect, useState, type ReactNode } from 'react';
import { useActions } from '../../stores/context';
import { SettingsRow } from '../controls/SettingsFields';
import { Icon } from '../layout/Icon';
import { copyText } from '../layout/clipboard';
import { RemoteSecurity } from './RemoteSecurity';
import { boundHost, listensEverywhere, webRemoteUrl, type RemoteInfo } from './remoteInfo';
import './remote-settings.css';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; info: RemoteInfo };

/**
 * Remote control: where obs-websocket tools (Stream Deck, Companion, scripts) and the producers' web
 * remote connect, and the password, which only this local UI can read. Asked of the engine once
 * when Settings opens: the server's address and password do not change while the studio runs.
 */
export function RemoteSettings() {
  const { call } = useActions();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let open = true;
    void call('remote.info', {}, { quiet: true }).then((r) => {
      if (open) setLoad(r.ok ? { kind: 'ready', info: r.value } : { kind: 'failed', message: r.error.message });
    });
    return () => {
      open = false;
    };
  }, [call]);

  return (
    <fieldset className="settings-section" data-testid="remote-settings">
      <legend>Remote control</legend>
      {load.kind === 'loading' ? <p className="field-hint">Asking the studio engine…</p> : null}
      {load.kind === 'failed' ? (
        <p className="form-error" role="alert" data-testid="remote-problem">
          {load.message}
        </p>
      ) : null}
      {load.kind === 'ready' ? <RemoteDetails info={load.info} /> : null}
      <RemoteSecurity />
    </fieldset>
  );
}

function RemoteDetails({ info }: { info: RemoteInfo }) {
  const [reveal, setReveal] = useState(false);
  const on = info.enabled && info.url !== null;
  const page = info.url ? webRemoteUrl(info.url) : null;
  return (
    <>
      <SettingsRow
        id="remote-state"
        label="obs-websocket server"
        hint={on ? 'obs-websocket v5: Stream Deck, Companion, Touch Portal and scripts connect here.' : info.enabled ? undefined : (info.problem ?? undefined)}
      >
        <span id="remote-state" className={`badge ${on ? 'remote-on' : ''}`} data-testid="remote-state" role="status">
          {on ? 'on' : 'off'}
        </span>
      </SettingsRow>
      {info.exposed && on && info.url ? <ExposedWarning url={info.url} password={info.password !== null} /> : null}
      {info.enabled && info.problem ? (
        <p className="form-error" role="alert" data-testid="remote-problem">
          {info.problem}
        </p>
      ) : null}
      {info.url ? (
        <SettingsRow
          id="remote-url"
          label="Server URL"
          hint={listensEverywhere(info.url) ? `Other devices use this computer's network address in place of ${boundHost(info.url)}.` : undefined}
        >
          <CopyField id="remote-url" value={info.url} what="server URL" />
        </SettingsRow>
      ) : null}
      {on ? (
        <SettingsRow id="remote-password" label="Password" hint={info.password === null ? 'Authentication is off: any client that reaches the port can connect.' : undefined}>
          {info.password === null ? (
            <span className="suffix" data-testid="remote-password">none</span>
          ) : (
            <CopyField id="remote-password" value={info.password} what="password" hidden={!reveal}>
              <button
                type="button"
                className="icon-button"
                data-testid="remote-password-reveal"
                aria-pressed={reveal}
                title={reveal ? 'Hide the password' : 'Show the password'}
                aria-label={reveal ? 'Hide the password' : 'Show the password'}
                onClick={() => setReveal((r) => !r)}
              >
                <Icon name={reveal ? 'eyeOff' : 'eye'} />
              </button>
            </CopyField>
          )}
        </SettingsRow>
      ) : null}
      {on && page ? (
        <SettingsRow id="remote-page" label="Web remote" hint="For producers on a tablet or phone: open it in a browser and enter the password.">
          <CopyField id="remote-page" value={page} what="web remote address" />
        </SettingsRow>
      ) : null}
    </>
  );
}

function ExposedWarning({ url, password }: { url: string; password: boolean }) {
  return (
    <div className="remote-warning" role="alert" data-testid="remote-exposed">
      <p>
        <strong>Reachable from the network.</strong> The server listens on{' '}
        {listensEverywhere(url) ? `every network address of this computer (${boundHost(url)})` : boundHost(url)}, so anyone on this network
        can try to control the studio: switch scenes, change sources, start and stop the stream.
      </p>
      <p>
        {password
          ? 'The password protects it, and wrong guesses are throttled: each failed try makes that address wait longer. Share the password only with people who should have control.'
          : 'No password is set: anyone who reaches the port has control.'}
      </p>
      <p>
        To allow only this computer, start the server with <code>--ws-bind 127.0.0.1</code>; to turn remote control off, with{' '}
        <code>--no-ws</code>.
      </p>
    </div>
  );
}

interface CopyFieldProps {
  id: string;
  value: string;
  /** For the copy button's label: "Copy the password". */
  what: string;
  /** Shown as dots (the password until revealed). */
  hidden?: boolean;
  children?: ReactNode;
}

type Copied = 'copied' | 'failed' | null;

/** A read-only value with a copy button; a failed copy asks the user to copy it by hand. */
function CopyField({ id, value, what, hidden = false, children }: CopyFieldProps) {
  const [copied, setCopied] = useState<Copied>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <>
      <input
        id={id}
        className="input remote-value"
        type={hidden ? 'password' : 'text'}
        value={value}
        readOnly
        spellCheck={false}
        autoComplete="off"
        data-testid={id}
        onFocus={(e) => e.target.select()}
      />
      {children}
      <button
        type="button"
        className="button button-small"
        data-testid={`${id}-copy`}
        aria-label={`Copy the ${what}`}
        onClick={() => void copyText(value).then((done) => setCopied(done ? 'copied' : 'failed'))}
      >
        {copied === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {copied === 'failed' ? (
        <span className="field-error" role="alert">
          {hidden ? 'Could not copy; show it, select it and press Ctrl+C.' : 'Could not copy; select the text and press Ctrl+C.'}
        </span>
      ) : null}
    </>
  );
}
