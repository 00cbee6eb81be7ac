/**
 * Scene collections and profiles, OBS's model: several named collections (scenes, sources) and
 * several named profiles (video, output, destinations); one of each is loaded at a time. Names are
 * unique within their list (exact match, as OBS). The engine keeps the list; these are the shapes
 * commands and events carry.
 */

export interface LibraryList {
  /** The loaded one. */
  current: string;
  /** Every name, in creation order. */
  names: string[];
}

/** What could not be brought over from an imported OBS collection, and why. */
export interface ImportSkip {
  name: string;
  reason: string;
}

export interface ObsImportResult {
  sceneCollectionName: string;
  skipped: ImportSkip[];
}
