/**
 * Undo and redo for the scene collection, kept in the engine so a change made by any client (the
 * UI, a Stream Deck over obs-websocket, the web remote) can be undone from any other, and every
 * client sees the same state. An entry is the collection as it was before one command; undo puts it
 * back and keeps the profile (video, encoder, destinations and their keys) as it is now, because
 * those carry secrets and running outputs, as OBS's undo leaves settings alone.
 *
 * A drag sends dozens of transform commands a second: consecutive commands of one kind on one
 * target within MERGE_MS become one entry, so one undo takes back the whole drag. A transform that
 * puts the collection back as it was before the last entry of that kind and target (a drag
 * cancelled with Esc) takes that entry away, and one that changes nothing is not an edit. Commands
 * that carry the same undo group (../../shared/undo-group.ts) in a row are one entry, whatever they
 * are: Duplicate is a new source and its filters, and one undo takes all of it back.
 */
import type { StudioDocument, StudioEvent } from '../../shared';
import { UNDO_GROUP_FIELD, UNDO_GROUP_MAX } from '../../shared/undo-group';
import { changedOrder } from './scene-order';

/** The parts of the document an undo restores. */
export type CollectionPart = Pick<StudioDocument, 'scenes' | 'inputs' | 'currentSceneUuid' | 'previewSceneUuid' | 'canvases'>;

interface Entry {
  label: string;
  /** What this command changed (type + target), for merging a drag's commands. */
  key: string;
  at: number;
  /** The undo group its commands carried, if any. */
  group?: string;
  before: CollectionPart;
  after: CollectionPart;
}

export interface HistoryState {
  undo: string | null;
  redo: string | null;
}

export const HISTORY_CAPACITY = 100;
const MERGE_MS = 1000;

/** Commands that edit the collection; switching scenes or studio mode is not an edit (as in OBS). */
const UNDOABLE_PREFIXES = ['scene.', 'input.', 'item.', 'filter.', 'group.', 'canvas.'];
/** Mute and volume are operating the show, not editing it; like scene switches they stay out. */
const NOT_UNDOABLE = new Set(['scene.setCurrent', 'scene.setPreview', 'input.setAudio']);

export function isUndoable(type: string): boolean {
  return !NOT_UNDOABLE.has(type) && UNDOABLE_PREFIXES.some((p) => type.startsWith(p));
}

export const collectionOf = (doc: StudioDocument): CollectionPart => ({
  scenes: doc.scenes,
  inputs: doc.inputs,
  currentSceneUuid: doc.currentSceneUuid,
  previewSceneUuid: doc.previewSceneUuid,
  canvases: doc.canvases,
});

/** A short, human label for an entry ("Undo item.setTransform" reads poorly; this reads as an edit). */
export function labelOf(type: string): string {
  const [area = '', verb = ''] = type.split('.');
  const what = { scene: 'scene', input: 'source', item: 'scene item', filter: 'filter', group: 'group' }[area] ?? area;
  const words = verb.replace(/^set/, '').replace(/([A-Z])/g, ' $1').trim().toLowerCase();
  return verb.startsWith('set') ? `Change ${what} ${words}`.trimEnd() : `${words.charAt(0).toUpperCase()}${words.slice(1)} ${what}`;
}

/** The target a command acts on, from its arguments, so only same-target commands merge. */
export function targetOf(args: unknown): string {
  if (typeof args !== 'object' || args === null) return '';
  const a = args as Record<string, unknown>;
  return [a['sceneUuid'], a['sceneItemId'], a['inputUuid'], a['sourceUuid'], a['filterName']].filter((v) => v !== undefined).join('/');
}

export class UndoHistory {
  private done: Entry[] = [];
  private undone: Entry[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  state(): HistoryState {
    return { undo: this.done.at(-1)?.label ?? null, redo: this.undone.at(-1)?.label ?? null };
  }

  record(type: string, args: unknown, before: StudioDocument, after: StudioDocument, group?: string): void {
    const key = `${type}:${targetOf(args)}`;
    const at = this.now();
    const last = this.done.at(-1);
    const now = collectionOf(after);
    const transform = type.endsWith('setTransform');
    if (transform && sameCollection(collectionOf(before), now)) return;
    this.undone = [];
    if (last && group !== undefined && last.group === group) {
      last.after = now;
      last.at = at;
      return;
    }
    if (last && transform && last.key === key && last.group === group) {
      // Back where the entry began (Esc during a drag): the edit is gone, so is its step.
      if (sameCollection(last.before, now)) {
        this.done.pop();
        return;
      }
      if (at - last.at <= MERGE_MS) {
        last.after = now;
        last.at = at;
        return;
      }
    }
    this.done.push({ label: labelOf(type), key, at, ...(group !== undefined && { group }), before: collectionOf(before), after: now });
    if (this.done.length > HISTORY_CAPACITY) this.done.shift();
  }

  /** The collection to restore, or null when there is nothing to undo. */
  undo(): { label: string; collection: CollectionPart } | null {
    const entry = this.done.pop();
    if (!entry) return null;
    this.undone.push(entry);
    return { label: entry.label, collection: entry.before };
  }

  redo(): { label: string; collection: CollectionPart } | null {
    const entry = this.undone.pop();
    if (!entry) return null;
    this.done.push({ ...entry, at: -Infinity });
    return { label: entry.label, collection: entry.after };
  }

  /** A loaded or imported collection starts a new history. */
  clear(): void {
    this.done = [];
    this.undone = [];
  }
}

/** Whether two collections hold the same scenes, inputs and current scenes (snapshots share unchanged parts). */
export function sameCollection(a: CollectionPart, b: CollectionPart): boolean {
  const same = <T>(x: readonly T[], y: readonly T[]): boolean =>
    x === y || (x.length === y.length && x.every((v, i) => v === y[i] || JSON.stringify(v) === JSON.stringify(y[i])));
  return (
    a.currentSceneUuid === b.currentSceneUuid &&
    a.previewSceneUuid === b.previewSceneUuid &&
    same(a.scenes, b.scenes) &&
    same(a.inputs, b.inputs) &&
    same(a.canvases ?? [], b.canvases ?? [])
  );
}

/**
 * A command's args without its undo group, and the group: the field is taken out before the
 * command's own (strict) check. One that is not a short string stays in, and that check refuses it.
 */
export function takeUndoGroup(args: unknown): { args: unknown; group?: string } {
  if (typeof args !== 'object' || args === null || !Object.hasOwn(args, UNDO_GROUP_FIELD)) return { args };
  const { [UNDO_GROUP_FIELD]: group, ...rest } = args as Record<string, unknown>;
  if (typeof group !== 'string' || group === '' || group.length > UNDO_GROUP_MAX) return { args };
  return { args: rest, group };
}

/** The current document with `collection` put back, keeping a current/preview scene that still exists. */
export function restore(doc: StudioDocument, collection: CollectionPart): StudioDocument {
  const has = (uuid: string): boolean => collection.scenes.some((s) => s.uuid === uuid);
  return {
    ...doc,
    scenes: collection.scenes,
    inputs: collection.inputs,
    currentSceneUuid: has(doc.currentSceneUuid) ? doc.currentSceneUuid : collection.currentSceneUuid,
    previewSceneUuid: has(doc.previewSceneUuid) ? doc.previewSceneUuid : collection.previewSceneUuid,
    canvases: collection.canvases,
  };
}

/**
 * The fine-grained events an undo or redo implies, so obs-websocket clients (which follow
 * SceneCreated, InputRemoved…) see the restored collection, not only document.changed.
 */
export function restoreEvents(before: StudioDocument, after: StudioDocument): StudioEvent[] {
  const events: StudioEvent[] = [];
  const scenesBefore = new Map(before.scenes.map((s) => [s.uuid, s]));
  const scenesAfter = new Map(after.scenes.map((s) => [s.uuid, s]));
  const inputsBefore = new Map(before.inputs.map((i) => [i.uuid, i]));
  const inputsAfter = new Map(after.inputs.map((i) => [i.uuid, i]));
  for (const [uuid, s] of scenesBefore) {
    if (!scenesAfter.has(uuid)) events.push({ type: 'scene.removed', data: { sceneUuid: uuid, sceneName: s.name, ...(s.isGroup && { isGroup: true }) } });
  }
  for (const [uuid, i] of inputsBefore) if (!inputsAfter.has(uuid)) events.push({ type: 'input.removed', data: { inputUuid: uuid, inputName: i.name } });
  for (const [uuid, i] of inputsAfter) {
    const was = inputsBefore.get(uuid);
    if (!was) events.push({ type: 'input.created', data: { inputUuid: uuid, inputName: i.name, kind: i.kind } });
    else if (was.name !== i.name) events.push({ type: 'input.renamed', data: { inputUuid: uuid, oldName: was.name, inputName: i.name } });
    else if (was.settings !== i.settings) events.push({ type: 'input.settingsChanged', data: { inputUuid: uuid, inputName: i.name } });
  }
  for (const [uuid, s] of scenesAfter) {
    const was = scenesBefore.get(uuid);
    if (!was) events.push({ type: 'scene.created', data: { sceneUuid: uuid, sceneName: s.name, ...(s.isGroup && { isGroup: true }) } });
    else if (was.name !== s.name) events.push({ type: 'scene.renamed', data: { sceneUuid: uuid, oldName: was.name, sceneName: s.name } });
  }
  const order = changedOrder(before.scenes, after.scenes);
  if (order) events.push({ type: 'scene.reordered', data: { sceneUuids: order } });
  if (before.currentSceneUuid !== after.currentSceneUuid) {
    const scene = scenesAfter.get(after.currentSceneUuid);
    if (scene) events.push({ type: 'scene.currentChanged', data: { sceneUuid: scene.uuid, sceneName: scene.name } });
  }
  return events;
}
