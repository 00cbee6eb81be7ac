import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/**
 * The desktop app loads index.html from a file, where response headers cannot carry the CSP, so the
 * built page carries it as a meta tag (server mode also sends it as a header). frame-ancestors is
 * only valid in a header and is left out here. Build only: Vite's dev server injects inline scripts.
 */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'studio-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

// One build makes everything both hosts need:
//  out/main/index.js   Electron main process (desktop host)
//  out/main/server.js  server mode, plain Node (same engine, serves out/renderer)
//  out/preload/        the narrow bridge, CommonJS because sandboxed preloads cannot be ES modules
//  out/renderer/       the studio UI + compositor, loaded by both hosts
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          server: resolve(import.meta.dirname, 'src/server/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react(), cspMeta()],
    build: {
      // Server mode sends this bundle over the network (to tablets, later): keep it small.
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/renderer/index.html'),
          // The producers' web remote (a tablet page speaking obs-websocket), served by the remote server.
          remote: resolve(import.meta.dirname, 'src/renderer/remote.html'),
        },
      },
    },
  },
});
