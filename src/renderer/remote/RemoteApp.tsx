import { useRemote } from './context';
import { ConnectScreen } from './ConnectScreen';
import { Dashboard } from './Dashboard';

/** The connect screen until a session is identified; the controls from then on, also while reconnecting. */
export function RemoteApp() {
  const phase = useRemote((s) => s.connection.phase);
  return phase === 'connected' || phase === 'reconnecting' ? <Dashboard /> : <ConnectScreen />;
}
