/**
 * Help → Documentation: a short note on each of the README's main sections and where to read the
 * rest (README.md beside the studio, section of the same name). The page cannot load the README
 * itself (it ships only the UI), so the notes are kept here, short enough to stay true.
 */

export const DOCS = {
  'Quick start': 'npm ci && npm start runs the studio: the desktop app where Electron is installed, server mode otherwise (open the printed URL in Chromium). npm test runs every check.',
  'Server mode':
    'npm run serve -- --port 8420 --data-dir DIR, then open the printed URL: it carries this run\'s secret. --headless composites in a Chromium of its own; --ffmpeg PATH picks the FFmpeg program. It binds 127.0.0.1 only.',
  Data: 'Scene collections and profiles are JSON files in the data folder (Electron\'s userData, or --data-dir), saved after every change; File exports and imports them and imports OBS scene collections. Stream keys live in the secret store, never in those files. Recordings go to recordings/ unless Settings → Output names another folder; the log is logs/studio.log (Help → About shows both).',
  'Remote control':
    'An obs-websocket v5 server runs on 127.0.0.1:4455 (Tools → WebSocket server settings), so Stream Deck, Companion and other obs-websocket tools work; a web remote for tablets is at /remote/ on the same port. More in docs/REMOTE.md.',
  Status: 'What is built and what is not yet: the README\'s Status section lists both, feature by feature.',
} as const;

export type DocSection = keyof typeof DOCS;
export const DOC_SECTIONS = Object.keys(DOCS) as DocSection[];
