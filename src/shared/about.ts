/** What Help → About and the "open folder" buttons read from the engine (command studio.about). */

/** The folders a page may ask the desktop app to open; the path is always the engine's. */
export const FOLDER_KINDS = ['recordings', 'replays', 'screenshots'] as const;
export type FolderKind = (typeof FOLDER_KINDS)[number];

export interface StudioAbout {
  /** The engine's version (the same one obs-websocket's GetVersion and /healthz report). */
  version: string;
  /** The log file, or null when the host logs to the console only. */
  logFile: string | null;
  /** Absolute folders, as the current settings resolve them. */
  folders: Record<FolderKind, string>;
}

export const isFolderKind = (x: unknown): x is FolderKind => typeof x === 'string' && (FOLDER_KINDS as readonly string[]).includes(x);
