/**
 * What the preview's and the Sources dock's menus and keys do to a scene item: each is one or a few
 * engine commands (so obs-websocket clients see it and Undo takes it back).
 */
import type { StudioServices } from '../../stores/context';
import { findInput, findItem } from '../../stores/selectors';
import type { ItemRef } from '../../stores/ui';
import { applyPreset, type TransformPreset } from '../preview/presets';
import { uniqueName } from '../sources/uniqueName';
import { orderIndex, type OrderMove } from './order';

type Services = Pick<StudioServices, 'studio' | 'ui' | 'actions'>;

function lookup(s: Services, ref: ItemRef) {
  const doc = s.studio.getState().document;
  const item = findItem(doc, ref);
  const input = findInput(doc, item?.sourceUuid);
  return doc && item && input ? { doc, item, input } : null;
}

/**
 * A new input with the same kind, settings and filters as the item's source, shown with the same
 * transform in `sceneUuid` (default: the item's scene), and selected (OBS's Paste (Duplicate)).
 */
export async function duplicateItem(s: Services, ref: ItemRef, sceneUuid = ref.sceneUuid): Promise<ItemRef | null> {
  const found = lookup(s, ref);
  if (!found) return null;
  const { doc, item, input } = found;
  const name = uniqueName(input.name, doc.inputs.map((i) => i.name));
  const made = await s.actions.call('input.create', { sceneUuid, name, kind: input.kind, settings: structuredClone(input.settings), transform: { ...item.transform } });
  if (!made.ok) return null;
  for (const f of input.filters) {
    await s.actions.call('filter.create', { sourceUuid: made.value.inputUuid, name: f.name, kind: f.kind, settings: structuredClone(f.settings), enabled: f.enabled });
  }
  const next = { sceneUuid, sceneItemId: made.value.sceneItemId };
  s.ui.setState({ selected: next });
  return next;
}

/** Copy: the item (for Paste) and its transform (for Paste transform); Copy transform: only the transform. */
export function copyItem(s: Services, ref: ItemRef, withItem = true): boolean {
  const found = lookup(s, ref);
  if (!found) return false;
  const item = withItem ? { ref, inputUuid: found.input.uuid } : null;
  s.ui.setState({ clipboard: { item, transform: { ...found.item.transform } } });
  return true;
}

/** Paste: a copy of the copied item into `sceneUuid`, where it was (its source still existing). */
export async function pasteItem(s: Services, sceneUuid: string): Promise<ItemRef | null> {
  const clip = s.ui.getState().clipboard?.item;
  const transform = s.ui.getState().clipboard?.transform;
  if (!clip || !transform) return null;
  const doc = s.studio.getState().document;
  // The copied item may be gone; its source may still be shown elsewhere: copy from any item of it.
  let from: ItemRef | null = findItem(doc, clip.ref) ? clip.ref : null;
  for (const scene of doc?.scenes ?? []) {
    if (from) break;
    const item = scene.items.find((i) => i.sourceUuid === clip.inputUuid);
    if (item) from = { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId };
  }
  if (!from) return null;
  const made = await duplicateItem(s, from, sceneUuid);
  if (made) await s.actions.call('item.setTransform', { ...made, transform });
  return made;
}

/** Paste transform: the copied transform onto this item. */
export async function pasteTransform(s: Services, ref: ItemRef): Promise<void> {
  const clip = s.ui.getState().clipboard;
  if (!clip || !lookup(s, ref)) return;
  await s.actions.call('item.setTransform', { ...ref, transform: clip.transform });
}

/** One of OBS's transform presets, computed from the item's picture size as the compositor has it. */
export async function presetItem(s: Services, ref: ItemRef, preset: TransformPreset): Promise<void> {
  const found = lookup(s, ref);
  if (!found) return;
  const size = s.ui.getState().compositor?.itemSize(ref.sceneItemId);
  const { baseWidth, baseHeight } = found.doc.video;
  if (!size && preset !== 'reset') return;
  const next = applyPreset(preset, found.item.transform, size?.width ?? 0, size?.height ?? 0, baseWidth, baseHeight);
  await s.actions.call('item.setTransform', { ...ref, transform: next });
}

/** Order: up / down / to the top / to the bottom of the scene's stack. */
export async function orderItem(s: Services, ref: ItemRef, move: OrderMove): Promise<void> {
  const scene = s.studio.getState().document?.scenes.find((x) => x.uuid === ref.sceneUuid);
  const index = scene?.items.findIndex((i) => i.sceneItemId === ref.sceneItemId) ?? -1;
  if (!scene || index < 0) return;
  const to = orderIndex(index, scene.items.length, move, true);
  if (to !== null) await s.actions.call('item.setIndex', { ...ref, index: to });
}

/** Remove the item from its scene (as OBS's Delete), and unselect it. */
export async function removeItem(s: Services, ref: ItemRef): Promise<void> {
  const sel = s.ui.getState().selected;
  const r = await s.actions.call('item.remove', ref);
  if (r.ok && sel?.sceneUuid === ref.sceneUuid && sel.sceneItemId === ref.sceneItemId) s.ui.setState({ selected: null });
}

/** Opens the Properties dock's Filters section for the item's source (selecting the item). */
export function showFilters(s: Services, ref: ItemRef): void {
  const found = lookup(s, ref);
  if (!found) return;
  s.ui.setState({ selected: ref });
  // The dock renders the section for the new selection on the next frame.
  requestAnimationFrame(() => {
    const heading = document.getElementById(`filters-${found.input.uuid}`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.closest('section')?.querySelector<HTMLElement>('input, select, button')?.focus();
  });
}
