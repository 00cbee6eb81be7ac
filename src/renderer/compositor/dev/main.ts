/**
 * Scratch page for the compositor (not part of the app): `npx vite src/renderer/compositor/dev`.
 * A Playwright script drives it through window.__dev.
 */
import type { StudioDocument } from '../../../shared';
import { createCompositor } from '../index';
import { benchStages } from './bench';
import { FakeBridge } from './fake-bridge';

const canvas = document.getElementById('program') as HTMLCanvasElement;
const bridge = new FakeBridge();
const params = new URLSearchParams(location.search);
const compositor = createCompositor({ bridge, canvas, audio: params.get('audio') !== '0' });

const dev = {
  bridge,
  compositor,
  canvas,
  setDocument(doc: StudioDocument): void {
    canvas.style.width = `${doc.video.baseWidth}px`;
    canvas.style.height = `${doc.video.baseHeight}px`;
    compositor.setDocument(doc);
  },
  benchStages,
  loseContext(): WEBGL_lose_context | null {
    return (canvas.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context');
  },
};
(window as unknown as { __dev: typeof dev }).__dev = dev;

const out = document.getElementById('stats') as HTMLPreElement;
setInterval(() => {
  out.textContent = JSON.stringify(compositor.stats());
}, 1000);
