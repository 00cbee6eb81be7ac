/**
 * An OBS scene collection file → a studio scene collection plus the list of what was left out.
 * Scenes keep their order (scene_order), items keep their order and ids, sources become inputs
 * (obs-sources.ts), placement goes through obs-transform.ts. What the studio has no place for yet
 * is reported by name: bounding boxes it cannot turn into a scale, groups inside groups, transitions
 * beyond the current one, hotkeys of actions it lacks. Nested scenes become items showing the
 * imported scene; groups (OBS's `group` sources, whose settings hold `items`) become the studio's
 * groups, their items relative to the group's item as in OBS.
 */
import { DEFAULT_TRANSFORM, Status, fail, ok, sceneReaches, type HotkeyBinding, type Input, type Result, type Scene, type SceneItem } from '../../shared';
import type { KindRegistry } from '../kinds/registry';
import type { CollectionDocumentPart } from '../document/replace';
import { itemsOf, parseObsCollection, type ObsItem, type ObsSource } from './obs-schema';
import { hotkeyBindings } from './obs-hotkeys';
import type { Size } from './image-size';
import { knownSize, mapFilters, mapSource } from './obs-sources';
import { inGroup, itemTransform } from './obs-transform';
import { mapTransition, type ImportedTransition } from './obs-transitions';
import { Skips } from './skips';

export interface ObsImportOptions {
  kinds: KindRegistry;
  newId: () => string;
  /** The studio's canvas, the size of a colour source that does not name one. */
  canvas: { width: number; height: number };
  /** An image file's size (image-size.ts), for items with a bounding box; none: such items keep their scale. */
  imageSize?: (file: string) => Promise<Size | undefined>;
}

export interface ObsImport {
  /** The collection's name in OBS ('' when the file has none). */
  name: string;
  /** The current transition rides along where the studio's collections have one. */
  collection: CollectionDocumentPart & { transition?: ImportedTransition };
  /** OBS's source hotkeys the studio has actions for, by the new scenes' and inputs' uuids. */
  hotkeys: HotkeyBinding[];
  skipped: Skips['list'];
}

const SCENE = 'scene';
const GROUP = 'group';

export async function importObsCollection(text: string, opts: ObsImportOptions): Promise<Result<ObsImport>> {
  const parsed = parseObsCollection(text);
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const skips = new Skips();
  const sceneSources = file.sources.filter((s) => s.id === SCENE);
  if (sceneSources.length === 0) return fail(Status.InvalidRequestField, 'The OBS scene collection has no scenes, so there is nothing to import.');
  const groups = [...file.groups, ...file.sources.filter((s) => s.id === GROUP)];

  // Names are unique across sources in OBS; the studio needs that too, and a hand-edited file may not.
  const taken = new Set<string>();
  const unique = (name: string): string => {
    let n = name.trim() || 'Unnamed';
    for (let k = 2; taken.has(n); k++) n = `${name} ${k}`;
    taken.add(n);
    return n;
  };

  /** Each OBS source by uuid and by name (items name their source by uuid since OBS 30, by name before). */
  const byRef = new Map<string, ObsSource>();
  for (const s of [...file.sources, ...groups]) {
    if (s.uuid) byRef.set(`uuid:${s.uuid}`, s);
    if (!byRef.has(`name:${s.name}`)) byRef.set(`name:${s.name}`, s);
  }
  const refOf = (item: ObsItem): ObsSource | undefined =>
    (item.source_uuid ? byRef.get(`uuid:${item.source_uuid}`) : undefined) ?? byRef.get(`name:${item.name}`);

  const inputs = new Map<ObsSource, Input>();
  for (const s of file.sources) {
    if (s.id === SCENE || s.id === GROUP) continue;
    const input = mapSource(opts.kinds, s, opts.newId(), skips);
    if (input) inputs.set(s, { ...input, name: unique(input.name) });
  }

  // Sizes the bounding boxes need: colour sources say theirs, image files are read (once each).
  const sizes = new Map<Input, Size>();
  for (const input of inputs.values()) {
    const file = input.settings['file'];
    const size = knownSize(input, opts.canvas) ?? (input.kind === 'image_source' && typeof file === 'string' && file && opts.imageSize ? await opts.imageSize(file) : undefined);
    if (size) sizes.set(input, size);
  }

  const order = [
    ...file.scene_order.map((o) => sceneSources.find((s) => s.name === o.name)).filter((s): s is ObsSource => s !== undefined),
    ...sceneSources.filter((s) => !file.scene_order.some((o) => o.name === s.name)),
  ];
  const scenes: Scene[] = [];
  const sceneOf = new Map<ObsSource, Scene>();
  for (const source of new Set(order)) {
    const scene: Scene = { uuid: opts.newId(), name: unique(source.name), items: [], nextItemId: 1, filters: mapFilters(opts.kinds, source.name, source.filters, skips) };
    sceneOf.set(source, scene);
    scenes.push(scene);
  }

  /** Each scene's items by OBS's item id, for hotkeys that name them. */
  const byObsId = new Map<Scene, Map<number, SceneItem>>();
  /** Groups made so far (OBS shows a group by one item of one scene). */
  const groupsMade = new Map<ObsSource, Scene>();
  /**
   * Adds OBS items to a scene. A group becomes a group scene holding its items; when its item is
   * not top-left aligned or is cropped (the studio's group is canvas-sized, OBS's the size of its
   * items), its transform is applied to the items instead and the group's item stays at the origin.
   */
  const place = (scene: Scene, items: readonly ObsItem[], group?: { transform: SceneItem['transform'] }): Result<null> => {
    for (const item of items) {
      const source = refOf(item);
      if (!source) {
        skips.add(item.name, `an item of scene "${scene.name}" refers to a source that is not in the file`);
        continue;
      }
      let sourceUuid: string;
      let placed: ReturnType<typeof itemTransform>;
      if (source.id === SCENE) {
        // A nested scene: the item shows the imported scene, which is canvas-sized.
        const nested = sceneOf.get(source);
        if (!nested) continue;
        if (sceneReaches({ scenes }, nested.uuid, scene.uuid)) {
          skips.add(item.name, `scene "${scene.name}" would show itself through it (a loop OBS cannot have either); that item was left out`);
          continue;
        }
        sourceUuid = nested.uuid;
        placed = itemTransform(item, opts.canvas);
      } else if (source.id === GROUP) {
        if (group) {
          skips.add(item.name, `a group inside a group (in scene "${scene.name}") is not supported; its items were left out`);
          continue;
        }
        if (groupsMade.has(source)) {
          skips.add(item.name, `the group is shown a second time (in scene "${scene.name}"); a group is shown by one item, so this one was left out`);
          continue;
        }
        const children = itemsOf(source);
        if (!children.ok) return children;
        const outer = itemTransform(item);
        if (outer.lost) skips.add(item.name, `group in scene "${scene.name}": ${outer.lost}`);
        const t = outer.transform;
        const exact = t.alignment === 5 && t.cropLeft === 0 && t.cropTop === 0 && t.cropRight === 0 && t.cropBottom === 0;
        const made: Scene = { uuid: opts.newId(), name: unique(source.name), isGroup: true, items: [], nextItemId: 1, filters: mapFilters(opts.kinds, source.name, source.filters, skips) };
        groupsMade.set(source, made);
        scenes.push(made);
        const r = place(made, children.value, exact ? undefined : { transform: t });
        if (!r.ok) return r;
        finishIds(made);
        sourceUuid = made.uuid;
        placed = { transform: exact ? t : { ...DEFAULT_TRANSFORM } };
      } else {
        const input = inputs.get(source);
        if (!input) continue; // its kind is unknown: reported once, with the source
        sourceUuid = input.uuid;
        placed = itemTransform(item, sizes.get(input));
      }
      if (placed.lost) skips.add(item.name, `item in scene "${scene.name}": ${placed.lost}`);
      const transform = group ? inGroup(group.transform, placed.transform) : placed.transform;
      const added: SceneItem = {
        // OBS's own id when it is still free in this scene.
        sceneItemId: item.id !== undefined && item.id > 0 && !scene.items.some((i) => i.sceneItemId === item.id) ? item.id : 0,
        sourceUuid,
        enabled: item.visible,
        locked: item.locked,
        transform,
      };
      scene.items.push(added);
      if (item.id !== undefined) {
        const ids = byObsId.get(scene) ?? new Map<number, SceneItem>();
        ids.set(item.id, added);
        byObsId.set(scene, ids);
      }
    }
    return ok(null);
  };

  /** Ids: OBS's where they were kept, then fresh ones above the highest. */
  function finishIds(scene: Scene): void {
    let next = Math.max(0, ...scene.items.map((i) => i.sceneItemId)) + 1;
    for (const item of scene.items) if (item.sceneItemId === 0) item.sceneItemId = next++;
    scene.nextItemId = next;
  }

  for (const [source, scene] of sceneOf) {
    const items = itemsOf(source);
    if (!items.ok) return items;
    const r = place(scene, items.value);
    if (!r.ok) return r;
    finishIds(scene);
  }
  for (const g of groups) {
    if (![...groupsMade.keys()].some((m) => m === g || m.name === g.name)) skips.add(g.name, 'no scene shows this group, so it was left out');
  }

  const transition = mapTransition(file, opts.kinds, skips);
  const hotkeys: HotkeyBinding[] = [];
  for (const [source, scene] of sceneOf) {
    hotkeys.push(...hotkeyBindings(source.hotkeys, { sourceName: scene.name, uuid: scene.uuid, items: byObsId.get(scene) ?? new Map() }, skips));
  }
  for (const [source, input] of inputs) hotkeys.push(...hotkeyBindings(source.hotkeys, { sourceName: input.name, uuid: input.uuid }, skips));

  const sceneNamed = (name: string | undefined): Scene | undefined => {
    const source = sceneSources.find((s) => s.name === name);
    return source ? sceneOf.get(source) : undefined;
  };
  const program = sceneNamed(file.current_program_scene) ?? sceneNamed(file.current_scene) ?? scenes[0]!;
  const preview = sceneNamed(file.current_scene) ?? program;
  return ok({
    name: file.name.trim(),
    collection: {
      scenes,
      inputs: [...inputs.values()],
      currentSceneUuid: program.uuid,
      studioMode: false,
      previewSceneUuid: preview.uuid,
      ...(transition && { transition }),
    },
    hotkeys,
    skipped: skips.list,
  });
}
