/**
 * The Scenes list's order (scene.setIndex): plain scenes move among themselves; groups, which live in
 * the same array but are not listed, keep their slots. Pure.
 */
import { Status, fail, ok, plainScenes, type Result, type Scene } from '../../shared';

/** The scenes with `sceneUuid` moved to `index` among the plain scenes (0 = top); the same array when nothing moves. */
export function reorderScenes(scenes: Scene[], sceneUuid: string, index: number): Result<Scene[]> {
  const plain = plainScenes({ scenes });
  const from = plain.findIndex((s) => s.uuid === sceneUuid);
  if (from < 0) return fail(Status.ResourceNotFound, `There is no scene with id "${sceneUuid}" in the Scenes list.`, 'sceneUuid');
  if (index >= plain.length) {
    return fail(Status.OutOfRange, `Scene index ${index} is past the end of the list; use 0 to ${plain.length - 1}.`, 'index');
  }
  if (from === index) return ok(scenes);
  const order = [...plain];
  const [scene] = order.splice(from, 1);
  order.splice(index, 0, scene!);
  // Refill the plain scenes' slots in the new order; groups stay where they were.
  let next = 0;
  return ok(scenes.map((s) => (plain.includes(s) ? order[next++]! : s)));
}

/** The plain scenes' uuids when their order differs between two lists of scenes (the same set), else null. */
export function changedOrder(before: Scene[], after: Scene[]): string[] | null {
  const a = plainScenes({ scenes: after }).map((s) => s.uuid);
  const kept = new Set(a);
  const b = plainScenes({ scenes: before })
    .map((s) => s.uuid)
    .filter((u) => kept.has(u));
  const common = a.filter((u) => b.includes(u));
  return common.some((u, i) => u !== b[i]) ? a : null;
}
