/** The entries of the preview's, the Sources dock's and the Scenes dock's context menus (OBS's). */
import type { Scene } from '../../../shared';
import type { StudioServices } from '../../stores/context';
import { findItem } from '../../stores/selectors';
import type { ItemRef } from '../../stores/ui';
import { PRESET_LABELS, type TransformPreset } from '../preview/presets';
import type { MenuEntry } from './ContextMenu';
import { openSceneFilters } from './SceneFiltersDialog';
import { copyItem, duplicateItem, duplicateScene, orderItem, pasteDuplicate, pasteItem, pasteTransform, presetItem, removeItem, showFilters } from './item-actions';
import { ORDER_LABELS, type OrderMove } from './order';
import { uniqueName } from '../sources/uniqueName';
import { openTransitionOverride } from '../scenes/TransitionOverrideDialog';

type Services = Pick<StudioServices, 'studio' | 'ui' | 'actions'>;

const MOVES: OrderMove[] = ['up', 'down', 'top', 'bottom'];
const PRESETS: TransformPreset[] = ['fit', 'stretch', 'centre', 'flipH', 'flipV', 'reset'];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The menu of one scene item (right click on it in the preview or on its Sources row). */
export function itemMenu(s: Services, ref: ItemRef): MenuEntry[] {
  const item = findItem(s.studio.getState().document, ref);
  const clip = s.ui.getState().clipboard;
  const locked = item?.locked ?? false;
  const run = (f: () => unknown) => () => void f();
  return [
    { label: 'Rename', shortcut: 'F2', testId: 'menu-rename', onSelect: () => s.ui.setState({ selected: ref, renaming: { type: 'item', ref } }) },
    { label: 'Duplicate', shortcut: 'Ctrl+D', testId: 'menu-duplicate', onSelect: run(() => duplicateItem(s, ref)) },
    { label: 'Copy', shortcut: 'Ctrl+C', testId: 'menu-copy', onSelect: () => copyItem(s, ref) },
    { label: 'Paste (reference)', shortcut: 'Ctrl+V', testId: 'menu-paste', disabled: !clip?.item, onSelect: run(() => pasteItem(s, ref.sceneUuid)) },
    { label: 'Paste (duplicate)', testId: 'menu-paste-duplicate', disabled: !clip?.item, onSelect: run(() => pasteDuplicate(s, ref.sceneUuid)) },
    { label: 'Copy transform', shortcut: 'Ctrl+Shift+C', testId: 'menu-copy-transform', onSelect: () => copyItem(s, ref, false) },
    {
      label: 'Paste transform',
      shortcut: 'Ctrl+Shift+V',
      testId: 'menu-paste-transform',
      disabled: !clip || locked,
      onSelect: run(() => pasteTransform(s, ref)),
    },
    { label: 'Filters…', testId: 'menu-filters', onSelect: () => showFilters(s, ref) },
    { type: 'separator' },
    { type: 'heading', label: 'Order' },
    ...MOVES.map((m): MenuEntry => ({ label: ORDER_LABELS[m], testId: `menu-order-${m}`, onSelect: run(() => orderItem(s, ref, m)) })),
    { type: 'separator' },
    { type: 'heading', label: 'Transform' },
    ...PRESETS.map(
      (p): MenuEntry => ({ label: PRESET_LABELS[p], testId: `menu-${slug(PRESET_LABELS[p])}`, disabled: locked, onSelect: run(() => presetItem(s, ref, p)) }),
    ),
    { type: 'separator' },
    ...groupEntries(s, ref),
    { label: 'Remove', shortcut: 'Del', testId: 'menu-remove', onSelect: run(() => removeItem(s, ref)) },
  ];
}

/** OBS's Group Selected Items (here: the item the menu is for) and Ungroup on a group's item. */
function groupEntries(s: Services, ref: ItemRef): MenuEntry[] {
  const doc = s.studio.getState().document;
  const item = findItem(doc, ref);
  if (!doc || !item) return [];
  const shown = doc.scenes.find((x) => x.uuid === item.sourceUuid);
  if (shown?.isGroup) {
    return [{ label: 'Ungroup', testId: 'menu-ungroup', onSelect: () => void s.actions.call('group.ungroup', ref) }];
  }
  // Groups hold no groups: items already in one get no Group entry.
  if (doc.scenes.find((x) => x.uuid === ref.sceneUuid)?.isGroup) return [];
  const name = uniqueName('Group', [...doc.scenes.map((x) => x.name), ...doc.inputs.map((x) => x.name)]);
  return [{ label: 'Group', testId: 'menu-group', onSelect: () => void s.actions.call('group.create', { sceneUuid: ref.sceneUuid, name, sceneItemIds: [ref.sceneItemId] }) }];
}

/** The menu of a scene (right click on its Scenes row). `reorder` moves it (absent: no Order entries). */
export function sceneMenu(s: Services, scene: Scene, reorder: ((move: OrderMove) => void) | null): MenuEntry[] {
  const count = s.studio.getState().document?.scenes.length ?? 0;
  const entries: MenuEntry[] = [
    { label: 'Rename', shortcut: 'F2', testId: 'menu-rename', onSelect: () => s.ui.setState({ renaming: { type: 'scene', sceneUuid: scene.uuid } }) },
    { label: 'Duplicate', testId: 'menu-duplicate', onSelect: () => void duplicateScene(s, scene) },
    { label: 'Filters…', testId: 'menu-filters', onSelect: () => openSceneFilters(scene.uuid) },
    { label: 'Transition override…', testId: 'menu-transition-override', onSelect: () => openTransitionOverride(scene.uuid) },
  ];
  if (reorder) {
    entries.push({ type: 'separator' }, { type: 'heading', label: 'Order' });
    for (const m of MOVES) entries.push({ label: ORDER_LABELS[m], testId: `menu-order-${m}`, onSelect: () => reorder(m) });
  }
  entries.push(
    { type: 'separator' },
    {
      label: 'Remove',
      testId: 'menu-remove',
      disabled: count <= 1,
      onSelect: () => void s.actions.call('scene.remove', { sceneUuid: scene.uuid }),
    },
  );
  return entries;
}
