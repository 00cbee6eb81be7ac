/**
 * One Content-Security-Policy for both hosts (Electron sets it on responses, server mode sends it as
 * a header). blob: is needed for the AudioWorklet module and decoded images; 'wasm-unsafe-eval'
 * lets RNNoise's WebAssembly compile (noise suppression; it allows no JS eval); ws: for the server-mode
 * socket; studio-media: is the desktop app's protocol for local media files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: studio-media:",
  "media-src 'self' blob: studio-media:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss: studio-media:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The desktop app's scheme for local media (images, later video files). */
export const MEDIA_SCHEME = 'studio-media';
