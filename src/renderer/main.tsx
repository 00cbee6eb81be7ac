/**
 * Composition root of the renderer: one bridge, the engine mirror fed by it, the UI store, and the
 * React tree. Everything made here is disposed when the page goes away.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ProgramOnly } from './features/preview/ProgramOnly';
import { createBridge } from './bridge';
import { createActions } from './stores/actions';
import { connectStore } from './stores/connect';
import { StudioContext, type StudioServices } from './stores/context';
import { createStudioStore } from './stores/studio';
import { createUiStore } from './stores/ui';
import './styles.css';

const bridge = createBridge();
const studio = createStudioStore();
const ui = createUiStore();
const services: StudioServices = { bridge, studio, ui, actions: createActions(bridge, studio) };
const disconnect = connectStore(bridge, studio);

// The desktop window and the headless compositor (?role=primary) own program output; a browser tab
// on the server URL only previews unless nothing better is connected. The bridge repeats the claim
// after every reconnect, so it is made once.
const params = new URLSearchParams(location.search);
const primary = bridge.host === 'desktop' || params.get('role') === 'primary';
// Server mode's headless compositor: nobody sees its page, so it composites program and nothing
// else — no studio UI, no on-screen preview (?view=full shows the UI anyway, for debugging).
const headless = bridge.host === 'server' && primary && /HeadlessChrome/.test(navigator.userAgent) && params.get('view') !== 'full';
void bridge.invoke('renderer.claimOutput', { priority: primary ? 'primary' : 'secondary' });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);
// No StrictMode: its development double-mount would create, lose and re-create the WebGL context
// on the same canvas, and a canvas whose context was lost cannot give a fresh one.
root.render(
  <StudioContext value={services}>
    {headless ? <ProgramOnly /> : <App />}
  </StudioContext>,
);

window.addEventListener(
  'pagehide',
  () => {
    root.unmount();
    disconnect();
    bridge.dispose();
  },
  { once: true },
);
