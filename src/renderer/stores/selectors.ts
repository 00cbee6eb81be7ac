/** Pure lookups over the mirrored document, shared by docks and the preview. */
import { MAIN_CANVAS, type Canvas, type Input, type KindDescriptor, type Scene, type SceneItem, type StudioDocument } from '../../shared';
import type { DragOverride, ItemRef } from './ui';

export function currentScene(doc: StudioDocument | null): Scene | null {
  if (!doc) return null;
  return doc.scenes.find((s) => s.uuid === doc.currentSceneUuid) ?? null;
}

export function findItem(doc: StudioDocument | null, ref: ItemRef | null): SceneItem | null {
  if (!doc || !ref) return null;
  const scene = doc.scenes.find((s) => s.uuid === ref.sceneUuid);
  return scene?.items.find((i) => i.sceneItemId === ref.sceneItemId) ?? null;
}

export function findInput(doc: StudioDocument | null, uuid: string | undefined): Input | null {
  if (!doc || uuid === undefined) return null;
  return doc.inputs.find((i) => i.uuid === uuid) ?? null;
}

export function findKind(kinds: readonly KindDescriptor[], id: string | undefined): KindDescriptor | null {
  return kinds.find((k) => k.id === id) ?? null;
}

/** The extra canvas being edited (ui's editedCanvas), while it exists and is on; else null (main). */
export function editedExtraCanvas(doc: StudioDocument | null, canvasId: string = MAIN_CANVAS): Canvas | null {
  if (!doc || canvasId === MAIN_CANVAS) return null;
  return doc.canvases?.find((c) => c.id === canvasId && c.enabled) ?? null;
}

/** The pixels of the canvas being edited: the main canvas's base size, or the extra canvas's own. */
export function editedSize(doc: StudioDocument | null, canvasId: string = MAIN_CANVAS): { width: number; height: number } {
  const extra = editedExtraCanvas(doc, canvasId);
  if (extra) return { width: extra.width, height: extra.height };
  return { width: doc?.video.baseWidth ?? 1280, height: doc?.video.baseHeight ?? 720 };
}

/**
 * The scene being edited (the Sources dock, the preview's handles, the Properties dock): program, or
 * the preview scene in studio mode, which is the one the canvas shows there, as OBS edits its preview;
 * while an extra canvas is edited (`canvasId`), the scene that canvas shows (null: it shows none).
 */
export function editedScene(doc: StudioDocument | null, canvasId: string = MAIN_CANVAS): Scene | null {
  if (!doc) return null;
  const extra = editedExtraCanvas(doc, canvasId);
  if (extra) return doc.scenes.find((s) => s.uuid === extra.programSceneUuid) ?? null;
  const preview = doc.studioMode ? doc.scenes.find((s) => s.uuid === doc.previewSceneUuid) : undefined;
  return preview ?? currentScene(doc);
}

/** The selection, but only while it is an item of the scene being edited. */
export function selectionInEditedScene(doc: StudioDocument | null, ref: ItemRef | null, canvasId: string = MAIN_CANVAS): ItemRef | null {
  const scene = editedScene(doc, canvasId);
  if (!scene || !ref || ref.sceneUuid !== scene.uuid) return null;
  return findItem(doc, ref) ? ref : null;
}

/** The selection, but only while it is an item of the scene on program. */
export function selectionInCurrentScene(doc: StudioDocument | null, ref: ItemRef | null): ItemRef | null {
  if (!doc || !ref || ref.sceneUuid !== doc.currentSceneUuid) return null;
  return findItem(doc, ref) ? ref : null;
}

/** The document as the compositor should draw it while a drag is in flight. */
export function withDrag(doc: StudioDocument, drag: DragOverride | null): StudioDocument {
  if (!drag) return doc;
  const { sceneUuid: _scene, sceneItemId: _item, ...fields } = drag;
  return {
    ...doc,
    scenes: doc.scenes.map((scene) =>
      scene.uuid !== drag.sceneUuid
        ? scene
        : {
            ...scene,
            items: scene.items.map((item) =>
              item.sceneItemId !== drag.sceneItemId
                ? item
                : { ...item, transform: { ...item.transform, ...fields } },
            ),
          },
    ),
  };
}
