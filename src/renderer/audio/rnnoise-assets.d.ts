/** Vite inlines the asset as a data: URL (./rnnoise.ts decodes it: no fetch, which file:// pages cannot do). */
declare module '@jitsi/rnnoise-wasm/dist/rnnoise.wasm?url&inline' {
  const dataUrl: string;
  export default dataUrl;
}
