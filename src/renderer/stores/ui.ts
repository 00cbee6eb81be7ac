/** UI-only state: never sent to the engine, never mirrored from it. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAIN_CANVAS, type Transform } from '../../shared';
import type { Compositor } from '../compositor/api';

export interface ItemRef {
  sceneUuid: string;
  sceneItemId: number;
}

/**
 * An item being dragged in the preview (moved, resized, cropped or rotated): the transform fields it
 * changes, shown before the engine confirms them.
 */
export type DragOverride = ItemRef & Partial<Transform>;

/** A name being edited in place (F2, or Rename in a context menu). */
export type RenameTarget = { type: 'item'; ref: ItemRef } | { type: 'scene'; sceneUuid: string };

/**
 * What Copy put aside: an item (Paste shows its source again, Paste (duplicate) a copy of it; Copy
 * transform leaves it as it was) and a transform (Paste transform).
 */
export interface EditClipboard {
  item: { ref: ItemRef; sourceUuid: string } | null;
  transform: Transform;
}

/** The lines a drag in the preview snapped to (canvas px; null: none on that axis), drawn as guides. */
export interface SnapGuides {
  x: number | null;
  y: number | null;
}

export interface UiState {
  selected: ItemRef | null;
  renaming: RenameTarget | null;
  clipboard: EditClipboard | null;
  drag: DragOverride | null;
  guides: SnapGuides | null;
  settingsOpen: boolean;
  /** The Settings tab to open on (a menu's Tools → Hotkeys…); null: the first. */
  settingsTab: string | null;
  /** Kind id whose "new source" dialog is open. */
  addSourceKind: string | null;
  /** The live compositor, for the stats bar's idle numbers; owned and disposed by the preview. */
  compositor: Compositor | null;
  /**
   * The canvas the preview shows and edits: 'main', or an extra canvas's id (the vertical one), whose
   * program scene is then edited at the canvas's own size.
   */
  editedCanvas: string;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()(() => ({
    selected: null,
    renaming: null,
    clipboard: null,
    drag: null,
    guides: null,
    settingsOpen: false,
    settingsTab: null,
    addSourceKind: null,
    compositor: null,
    editedCanvas: MAIN_CANVAS,
  }));
}
