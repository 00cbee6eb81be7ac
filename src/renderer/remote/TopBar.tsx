import { useRemote, useServices } from './context';
import { forgetPassword } from './password';

/** Where the remote is connected, and the way out (which also forgets a remembered password). */
export function TopBar() {
  const { connection, storage } = useServices();
  const address = useRemote((s) => s.connection.address);
  const phase = useRemote((s) => s.connection.phase);
  return (
    <header className="topbar">
      <span className={`dot dot-${phase}`} aria-hidden="true" />
      <h1 className="topbar-title">Broadcast Studio</h1>
      <span className="topbar-address" data-testid="remote-connection">
        {phase === 'connected' ? `Connected to ${address}` : `Reconnecting to ${address}`}
      </span>
      <button
        type="button"
        className="button"
        data-testid="remote-disconnect"
        onClick={() => {
          forgetPassword(storage);
          connection.disconnect();
        }}
      >
        Disconnect
      </button>
    </header>
  );
}
