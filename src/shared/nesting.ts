/**
 * Nested scenes and groups, as OBS models them: a scene is a source, so an item may show another
 * scene (drawn with the item's transform, crop and visibility), and a group is a scene-like source
 * (`Scene.isGroup`) shown by exactly one item of one scene. Pure helpers for the engine (cycle
 * refusal, removal) and the renderer (drawing, activity) alike.
 */
import type { Scene, SceneItem, StudioDocument } from './model';

/** How deep nested scenes are followed when drawing or listing what shows; deeper items are not drawn. */
export const MAX_NESTING = 8;

type Scenes = Pick<StudioDocument, 'scenes'>;

export const isGroup = (scene: Scene): boolean => scene.isGroup === true;

/** Scenes that are not groups: what scene lists, program and preview are made of. */
export const plainScenes = (doc: Scenes): Scene[] => doc.scenes.filter((s) => !isGroup(s));

export const sceneOf = (doc: Scenes, uuid: string): Scene | undefined => doc.scenes.find((s) => s.uuid === uuid);

/**
 * Whether scene `from` shows scene `to`, directly or through nested scenes and groups (a scene
 * reaches itself). Adding `from` into `to` would then make a cycle.
 */
export function sceneReaches(doc: Scenes, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const uuid = stack.pop()!;
    if (uuid === to) return true;
    if (seen.has(uuid)) continue;
    seen.add(uuid);
    const scene = sceneOf(doc, uuid);
    if (scene) for (const item of scene.items) stack.push(item.sourceUuid);
  }
  return false;
}

/** The scene holding a group's one item, and that item. */
export function groupParent(doc: Scenes, groupUuid: string): { scene: Scene; item: SceneItem } | undefined {
  for (const scene of doc.scenes) {
    const item = scene.items.find((i) => i.sourceUuid === groupUuid);
    if (item) return { scene, item };
  }
  return undefined;
}

/**
 * Every source (input or scene uuid) a scene shows through enabled items, nested scenes and groups
 * included, down to MAX_NESTING levels: what is "on program" when it is the program scene.
 */
export function shownSources(doc: Scenes, sceneUuid: string): Set<string> {
  const out = new Set<string>();
  const visit = (uuid: string, depth: number): void => {
    const scene = sceneOf(doc, uuid);
    if (!scene || depth > MAX_NESTING) return;
    for (const item of scene.items) {
      if (!item.enabled || out.has(item.sourceUuid)) continue;
      out.add(item.sourceUuid);
      visit(item.sourceUuid, depth + 1);
    }
  };
  visit(sceneUuid, 0);
  return out;
}
