/**
 * The producers' web remote: a tablet page that drives the studio only through obs-websocket v5,
 * like any third-party tool. Composition root: the store, the connection, the actions and the
 * thumbnailer are made here and disposed of when the page goes away.
 */
import { createRoot } from 'react-dom/client';
import { createActions } from './actions';
import { defaultAddress } from './address';
import { createConnection } from './connection';
import { RemoteContext, type RemoteServices } from './context';
import { startFeatures } from './features';
import { recallPassword, sessionStore } from './password';
import { RemoteApp } from './RemoteApp';
import { createRemoteStore } from './store';
import { createThumbnailer } from './thumbnails';
import './remote.css';

const storage = sessionStore();
const store = createRemoteStore(defaultAddress(location));
const connection = createConnection(store, startFeatures(store), { pageProtocol: location.protocol });
const session = () => connection.session();
const services: RemoteServices = {
  store,
  connection,
  storage,
  actions: createActions(store, session),
  thumbnails: createThumbnailer(store, session),
};

// A remembered password (this tab, this session) reconnects a reloaded page without asking again.
const remembered = recallPassword(storage);
if (remembered !== null) connection.connect(store.getState().connection.address, remembered);

// Back on the network (a tablet waking up): do not wait out the backoff.
const online = (): void => connection.retryNow();
window.addEventListener('online', online);

const container = document.getElementById('root');
if (!container) throw new Error('remote.html has no #root element.');
const root = createRoot(container);
root.render(
  <RemoteContext value={services}>
    <RemoteApp />
  </RemoteContext>,
);

window.addEventListener(
  'pagehide',
  () => {
    window.removeEventListener('online', online);
    root.unmount();
    services.thumbnails.dispose();
    connection.dispose();
  },
  { once: true },
);
