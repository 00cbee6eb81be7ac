/**
 * What the preview's and the Sources dock's menus and keys do to a scene item: each is one or a few
 * engine commands (so obs-websocket clients see it and Undo takes it back); the commands of one
 * action carry one undo group, so one Undo takes all of it back.
 */
import type { CommandArgs, CommandType, Result, Scene } from '../../../shared';
import { UNDO_GROUP_FIELD } from '../../../shared/undo-group';
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

/** The item and its document, whatever it shows (an input or a scene). */
function lookupItem(s: Services, ref: ItemRef) {
  const doc = s.studio.getState().document;
  const item = findItem(doc, ref);
  return doc && item ? { doc, item } : null;
}

/** A fresh undo group id (randomUUID is missing on a page served over plain http to another host). */
export function newUndoGroup(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The command's args with an undo group: the engine's history makes one step of the group's commands. */
function grouped<T extends CommandType>(args: CommandArgs<T>, group: string | undefined): CommandArgs<T> {
  return group === undefined ? args : ({ ...args, [UNDO_GROUP_FIELD]: group } as CommandArgs<T>);
}

/** Selects a new item once the engine made it. */
function made(s: Services, sceneUuid: string, r: Result<{ sceneItemId: number }>): ItemRef | null {
  if (!r.ok) return null;
  const ref = { sceneUuid, sceneItemId: r.value.sceneItemId };
  s.ui.setState({ selected: ref });
  return ref;
}

/**
 * A new input with the same kind, settings and filters as the item's source, shown with the same
 * transform in `sceneUuid` (default: the item's scene), and selected (OBS's Paste (Duplicate)). An
 * item showing a scene gets another item of that scene (a scene is shown, not copied).
 */
export async function duplicateItem(s: Services, ref: ItemRef, sceneUuid = ref.sceneUuid, group = newUndoGroup()): Promise<ItemRef | null> {
  const doc = s.studio.getState().document;
  const shown = findItem(doc, ref);
  if (shown && doc?.scenes.some((x) => x.uuid === shown.sourceUuid)) {
    const args = { sceneUuid, sourceUuid: shown.sourceUuid, enabled: shown.enabled, transform: { ...shown.transform } };
    return made(s, sceneUuid, await s.actions.call('item.create', grouped<'item.create'>(args, group)));
  }
  const found = lookup(s, ref);
  if (!found) return null;
  const { item, input } = found;
  const name = uniqueName(input.name, found.doc.inputs.map((i) => i.name));
  const args = { sceneUuid, name, kind: input.kind, settings: structuredClone(input.settings), transform: { ...item.transform } };
  const created = await s.actions.call('input.create', grouped<'input.create'>(args, group));
  if (!created.ok) return null;
  for (const f of input.filters) {
    const filter = { sourceUuid: created.value.inputUuid, name: f.name, kind: f.kind, settings: structuredClone(f.settings), enabled: f.enabled };
    await s.actions.call('filter.create', grouped<'filter.create'>(filter, group));
  }
  return made(s, sceneUuid, created);
}

/** Copy: the item (for Paste) and its transform (for Paste transform); Copy transform: only the transform. */
export function copyItem(s: Services, ref: ItemRef, withItem = true): boolean {
  const found = lookupItem(s, ref);
  if (!found) return false;
  // OBS keeps the copied source and the copied transform apart: Copy transform leaves the source.
  const item = withItem ? { ref, sourceUuid: found.item.sourceUuid } : (s.ui.getState().clipboard?.item ?? null);
  s.ui.setState({ clipboard: { item, transform: { ...found.item.transform } } });
  return true;
}

/** Paste (OBS's Paste (Reference)): the copied item's source shown again in `sceneUuid`, where it was. */
export async function pasteItem(s: Services, sceneUuid: string): Promise<ItemRef | null> {
  const clip = s.ui.getState().clipboard;
  if (!clip?.item) return null;
  return made(s, sceneUuid, await s.actions.call('item.create', { sceneUuid, sourceUuid: clip.item.sourceUuid, transform: clip.transform }));
}

/** Paste (duplicate): a copy of the copied item's source into `sceneUuid`, where it was. */
export async function pasteDuplicate(s: Services, sceneUuid: string): Promise<ItemRef | null> {
  const clip = s.ui.getState().clipboard?.item;
  const transform = s.ui.getState().clipboard?.transform;
  if (!clip || !transform) return null;
  const doc = s.studio.getState().document;
  // The copied item may be gone; its source may still be shown elsewhere: copy from any item of it.
  let from: ItemRef | null = findItem(doc, clip.ref) ? clip.ref : null;
  for (const scene of doc?.scenes ?? []) {
    if (from) break;
    const item = scene.items.find((i) => i.sourceUuid === clip.sourceUuid);
    if (item) from = { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId };
  }
  if (!from) return null;
  const group = newUndoGroup();
  const copy = await duplicateItem(s, from, sceneUuid, group);
  if (copy) await s.actions.call('item.setTransform', grouped<'item.setTransform'>({ ...copy, transform }, group));
  return copy;
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

/**
 * Duplicate scene (OBS's): a new scene, named after the old one, showing the same sources with the
 * same transforms, visibility, locks and blend modes, and a copy of the scene's filters; then it is
 * the scene being edited (program, or preview in studio mode), as a new scene is.
 */
export async function duplicateScene(s: Services, scene: Scene): Promise<string | null> {
  const doc = s.studio.getState().document;
  if (!doc) return null;
  const group = newUndoGroup();
  const created = await s.actions.call('scene.create', grouped<'scene.create'>({ name: uniqueName(scene.name, doc.scenes.map((x) => x.name)) }, group));
  if (!created.ok) return null;
  const sceneUuid = created.value.sceneUuid;
  for (const item of scene.items) {
    const args = { sceneUuid, sourceUuid: item.sourceUuid, enabled: item.enabled, transform: { ...item.transform } };
    const r = await s.actions.call('item.create', grouped<'item.create'>(args, group));
    if (!r.ok) continue;
    const ref = { sceneUuid, sceneItemId: r.value.sceneItemId };
    if (item.locked) await s.actions.call('item.setLocked', grouped<'item.setLocked'>({ ...ref, locked: true }, group));
    if (item.blendMode && item.blendMode !== 'OBS_BLEND_NORMAL') {
      await s.actions.call('item.setBlendMode', grouped<'item.setBlendMode'>({ ...ref, blendMode: item.blendMode }, group));
    }
  }
  for (const f of scene.filters) {
    const filter = { sourceUuid: sceneUuid, name: f.name, kind: f.kind, settings: structuredClone(f.settings), enabled: f.enabled };
    await s.actions.call('filter.create', grouped<'filter.create'>(filter, group));
  }
  await s.actions.call(doc.studioMode ? 'scene.setPreview' : 'scene.setCurrent', { sceneUuid });
  return sceneUuid;
}
