import { useId, useState, type FormEvent } from 'react';
import { useRemote, useServices } from './context';
import { recallPassword, rememberPassword } from './password';

/** Address, password, "remember on this device" (sessionStorage only), and why the last try failed. */
export function ConnectScreen() {
  const { connection, storage } = useServices();
  const phase = useRemote((s) => s.connection.phase);
  const error = useRemote((s) => s.connection.error);
  const lastAddress = useRemote((s) => s.connection.address);
  const [address, setAddress] = useState(lastAddress);
  const [password, setPassword] = useState(() => recallPassword(storage) ?? '');
  const [remember, setRemember] = useState(() => recallPassword(storage) !== null);
  const id = useId();
  const connecting = phase === 'connecting';

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    rememberPassword(storage, password, remember);
    connection.connect(address, password);
  };

  return (
    <main className="connect">
      <form className="connect-card" onSubmit={submit} aria-busy={connecting}>
        <h1 className="connect-title">Broadcast Studio remote</h1>
        <p className="connect-hint">Use the password shown in the studio's remote control settings.</p>
        <label className="field" htmlFor={`${id}-address`}>
          <span className="field-label">Studio address</span>
          <input
            id={`${id}-address`}
            className="input"
            data-testid="remote-address"
            type="text"
            inputMode="url"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="192.168.1.20:4455"
          />
        </label>
        <label className="field" htmlFor={`${id}-password`}>
          <span className="field-label">Password</span>
          <input
            id={`${id}-password`}
            className="input"
            data-testid="remote-password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="remote-remember"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          <span>Remember on this device until the tab closes</span>
        </label>
        {error ? (
          <p className="connect-error" role="alert" data-testid="remote-connect-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary button-wide" data-testid="remote-connect" disabled={connecting}>
          {connecting ? 'Connecting…' : 'Connect'}
        </button>
      </form>
    </main>
  );
}
