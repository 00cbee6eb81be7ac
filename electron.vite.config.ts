import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
      },
    },
  },
});
