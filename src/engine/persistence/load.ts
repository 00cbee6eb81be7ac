/**
 * Loads the studio document from the data folder. Nothing the user saved is ever lost here: a file
 * that cannot be used is moved aside (never overwritten, never deleted), the defaults stand in for
 * that part, and a notice says which file went where and why. Missing files mean a first launch,
 * which gets the demo scene.
 */
import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as z from 'zod';
import { sceneReaches, type Filter, type NoticeLevel, type StudioDocument } from '../../shared';
import { DEFAULT_OUTPUT, DEFAULT_VIDEO, emptyScene } from '../document/defaults';
import { parseArgs } from '../document/issues';
import { repairCanvases } from '../document/canvases';
import { KindRegistry } from '../kinds/registry';
import { moveAside } from './atomic';
import { demoCollection } from './demo';
import { repairTransition } from './transition';
import {
  COLLECTION_FILE,
  FILE_VERSION,
  PROFILE_FILE,
  collectionFileSchema,
  profileFileSchema,
  type CollectionFile,
  type ProfileFile,
} from './files';

export interface LoadNotice {
  level: NoticeLevel;
  message: string;
}

export interface LoadOptions {
  dataDir: string;
  resourcesDir: string;
  kinds?: KindRegistry;
  newId?: () => string;
  /** Clock for the timestamp in a moved-aside file's name. */
  now?: () => number;
  /** The loaded scene collection's and profile's files (see library/layout.ts); default the data folder's own. */
  collectionFile?: string;
  profileFile?: string;
}

export interface LoadResult {
  document: StudioDocument;
  notices: LoadNotice[];
}

export type Read<T> = { state: 'missing' } | { state: 'ok'; value: T } | { state: 'unusable' };

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException | undefined)?.code ?? String(e);

export async function loadDocument(opts: LoadOptions): Promise<LoadResult> {
  const kinds = opts.kinds ?? new KindRegistry();
  const newId = opts.newId ?? randomUUID;
  const now = opts.now ?? Date.now;
  const notices: LoadNotice[] = [];

  const profileRead = await readProfile(opts.profileFile ?? path.join(opts.dataDir, PROFILE_FILE), notices, now);
  const profile: Omit<ProfileFile, 'version'> = profileRead.state === 'ok' ? profileRead.value : defaultProfile();

  const collectionRead = await readCollection(opts.collectionFile ?? path.join(opts.dataDir, COLLECTION_FILE), kinds, notices, now);
  let collection: Omit<CollectionFile, 'version'>;
  if (collectionRead.state === 'ok') {
    collection = collectionRead.value;
  } else if (collectionRead.state === 'missing') {
    collection = demoCollection(profile.video, opts.resourcesDir, kinds, newId);
    notices.push({
      level: 'info',
      message: 'Created a demo scene (test pattern, title and watermark) to start from; change it or add your own scenes.',
    });
  } else {
    collection = blankCollection(newId);
  }

  return {
    document: {
      version: FILE_VERSION,
      revision: 0,
      scenes: collection.scenes,
      inputs: collection.inputs,
      currentSceneUuid: collection.currentSceneUuid,
      studioMode: collection.studioMode,
      previewSceneUuid: collection.previewSceneUuid,
      ...(collection.transition && { transition: collection.transition }),
      ...(collection.canvases && { canvases: collection.canvases }),
      video: profile.video,
      output: profile.output,
      destinations: profile.destinations,
      webhooks: profile.webhooks,
      hotkeys: profile.hotkeys,
      remoteControl: profile.remoteControl,
      ...(profile.watermark && { watermark: profile.watermark }),
    },
    notices,
  };
}

/** Settings as a first launch has them: no destinations, default video and encoder. */
export const defaultProfile = (): Omit<ProfileFile, 'version'> => ({
  video: { ...DEFAULT_VIDEO },
  output: structuredClone(DEFAULT_OUTPUT),
  destinations: [],
  webhooks: [],
  hotkeys: [],
  remoteControl: { tls: false, allowedOrigins: [] },
});

/** One empty scene: a new collection, or what stands in for one that could not be loaded. */
export function blankCollection(newId: () => string): Omit<CollectionFile, 'version'> {
  const scene = emptyScene(newId(), 'Scene');
  return { scenes: [scene], inputs: [], currentSceneUuid: scene.uuid, studioMode: false, previewSceneUuid: scene.uuid };
}

/** A scene collection file, checked and repaired; a file that cannot be used is moved aside (see readPart). */
export async function readCollection(
  file: string,
  kinds: KindRegistry,
  notices: LoadNotice[],
  now: () => number = Date.now,
): Promise<Read<Omit<CollectionFile, 'version'>>> {
  const read = await readPart(file, collectionFileSchema, checkCollection, 'scene collection', 'a blank scene collection was loaded instead', notices, now);
  return read.state === 'ok' ? { state: 'ok', value: repairCollection(read.value, kinds, notices) } : read;
}

/** A profile file, checked; a file that cannot be used is moved aside (see readPart). */
export function readProfile(file: string, notices: LoadNotice[], now: () => number = Date.now): Promise<Read<ProfileFile>> {
  return readPart(
    file,
    profileFileSchema,
    checkProfile,
    'settings file',
    'default settings were loaded instead (destinations and encoder settings need to be set again)',
    notices,
    now,
  );
}

/** A collection from a text (an exported file being imported): the reason it cannot be used, or the collection. */
export function parseCollection(text: string, kinds: KindRegistry, notices: LoadNotice[]): Omit<CollectionFile, 'version'> | string {
  const parsed = parseFile(text, collectionFileSchema);
  if (typeof parsed === 'string') return parsed;
  return checkCollection(parsed.value) ?? repairCollection(parsed.value, kinds, notices);
}

/** A profile from a text (an exported file being imported): the reason it cannot be used, or the profile. */
export function parseProfile(text: string): ProfileFile | string {
  const parsed = parseFile(text, profileFileSchema);
  if (typeof parsed === 'string') return parsed;
  return checkProfile(parsed.value) ?? parsed.value;
}

/**
 * Reads and validates one file. On any problem it moves the file aside and records an error
 * notice; `fallback` finishes the sentence that says what was loaded instead.
 */
async function readPart<T>(
  file: string,
  schema: z.ZodType<T>,
  check: (value: T) => string | null,
  what: string,
  fallback: string,
  notices: LoadNotice[],
  now: () => number,
): Promise<Read<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (errCode(e) === 'ENOENT') return { state: 'missing' };
    notices.push({
      level: 'error',
      message: `Your ${what} ${file} could not be read (${errCode(e)}), so ${fallback}; check the file's permissions.`,
    });
    return { state: 'unusable' };
  }
  const parsed = parseFile(text, schema);
  const problem = typeof parsed === 'string' ? parsed : check(parsed.value);
  if (problem === null && typeof parsed !== 'string') return { state: 'ok', value: parsed.value };

  let moved: string;
  try {
    moved = await moveAside(file, 'corrupt', now());
  } catch (e) {
    notices.push({
      level: 'error',
      message: `Your ${what} ${file} could not be loaded because ${problem}, and it could not be moved aside (${errCode(e)}); ${fallback}.`,
    });
    return { state: 'unusable' };
  }
  const backup = (await exists(`${file}.bak`)) ? ` The save before it is in ${file}.bak.` : '';
  notices.push({
    level: 'error',
    message: `Your ${what} ${file} could not be loaded because ${problem}. It was moved to ${moved} and ${fallback}.${backup}`,
  });
  return { state: 'unusable' };
}

/** The value, or why the text is not a usable file (a clause that follows "because"). */
function parseFile<T>(text: string, schema: z.ZodType<T>): { value: T } | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the file's text; the reason stays generic instead.
    return 'it is not valid JSON';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'it does not hold a JSON object';
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > FILE_VERSION) {
    return `it was saved by a newer version of the studio (file version ${version}; this one reads version ${FILE_VERSION})`;
  }
  if (version !== FILE_VERSION) return `it has no supported version number (expected "version": ${FILE_VERSION})`;
  const r = parseArgs(schema, raw);
  if (!r.ok) return `it is invalid: ${r.error.message.replace(/\.$/, '')}`;
  return { value: r.value };
}

/** What no repair can fix without guessing: two things claiming one identity. */
function checkCollection(c: CollectionFile): string | null {
  const uuids = new Set<string>();
  const names = new Set<string>();
  for (const s of [...c.scenes, ...c.inputs]) {
    if (uuids.has(s.uuid)) return `two scenes or inputs share the id "${s.uuid}"`;
    if (names.has(s.name)) return `two scenes or inputs are both called "${s.name}"`;
    uuids.add(s.uuid);
    names.add(s.name);
  }
  for (const s of c.scenes) {
    const ids = new Set<number>();
    for (const i of s.items) {
      if (ids.has(i.sceneItemId)) return `scene "${s.name}" has two items with id ${i.sceneItemId}`;
      ids.add(i.sceneItemId);
    }
  }
  return null;
}

function checkProfile(p: ProfileFile): string | null {
  const ids = new Set<string>();
  for (const d of p.destinations) {
    if (ids.has(d.id)) return `two destinations share the id "${d.id}"`;
    ids.add(d.id);
  }
  return null;
}

/**
 * Fixes what can be fixed without losing anything the user could want: dangling references are
 * dropped, invalid setting values go back to their defaults, and each fix is reported.
 */
function repairCollection(c: CollectionFile, kinds: KindRegistry, notices: LoadNotice[]): Omit<CollectionFile, 'version'> {
  const inputs = c.inputs.map((input) => {
    const { settings, invalid } = kinds.sanitizeSettings(input.kind, input.settings);
    if (invalid.length > 0) {
      notices.push({
        level: 'warning',
        message: `Input "${input.name}" had invalid values for ${invalid.join(', ')}; the defaults are used for them.`,
      });
    }
    return { ...input, settings, filters: repairFilters(input.name, input.filters, kinds, notices) };
  });
  // Items show inputs or other scenes (nested scenes, groups).
  const known = new Set([...inputs.map((i) => i.uuid), ...c.scenes.map((s) => s.uuid)]);
  const kept: typeof c.scenes = [];
  const scenes = c.scenes.map((s) => {
    const present = s.items.filter((i) => known.has(i.sourceUuid));
    if (present.length < s.items.length) {
      notices.push({
        level: 'warning',
        message: `Scene "${s.name}" referred to ${s.items.length - present.length} missing input(s); those items were removed.`,
      });
    }
    // A scene inside itself (directly or through others) cannot be drawn: the item closing the loop goes.
    const items = present.filter((i) => !sceneReaches({ scenes: [...kept, { ...s, items: [] }] }, i.sourceUuid, s.uuid));
    if (items.length < present.length) {
      notices.push({ level: 'warning', message: `Scene "${s.name}" was shown inside itself; that item was removed.` });
    }
    kept.push({ ...s, items });
    // Never hand out an id an item already has, even if the file's counter fell behind.
    const nextItemId = Math.max(s.nextItemId, ...s.items.map((i) => i.sceneItemId + 1));
    return { ...s, items, nextItemId, filters: repairFilters(s.name, s.filters, kinds, notices) };
  });
  let currentSceneUuid = c.currentSceneUuid;
  if (!scenes.some((s) => s.uuid === currentSceneUuid)) {
    currentSceneUuid = scenes[0]!.uuid;
    notices.push({ level: 'warning', message: `The saved current scene no longer exists; "${scenes[0]!.name}" is shown instead.` });
  }
  // No notice: a preview that is gone (or was never saved) simply shows the program scene.
  const previewSceneUuid = scenes.some((s) => s.uuid === c.previewSceneUuid) ? c.previewSceneUuid : currentSceneUuid;
  const transition = repairTransition(c.transition, kinds, notices);
  const canvases = repairCanvases(c.canvases, { scenes });
  return { scenes, inputs, currentSceneUuid, studioMode: c.studioMode, previewSceneUuid, ...(transition && { transition }), ...(canvases && { canvases }) };
}

/**
 * A source's saved filters: invalid values go back to their kind's defaults, and a name used twice
 * (names are unique per source) gets a number, so commands can reach every filter. A filter of a
 * kind this build does not know is kept as it is, as OBS keeps filters of missing plugins.
 */
function repairFilters(source: string, filters: readonly Filter[], kinds: KindRegistry, notices: LoadNotice[]): Filter[] {
  const names = new Set<string>();
  return filters.map((filter) => {
    const { settings, invalid } = kinds.sanitizeSettings(filter.kind, filter.settings);
    if (invalid.length > 0) {
      notices.push({
        level: 'warning',
        message: `Filter "${filter.name}" on "${source}" had invalid values for ${invalid.join(', ')}; the defaults are used for them.`,
      });
    }
    let name = filter.name;
    for (let n = 2; names.has(name); n++) name = `${filter.name} ${n}`;
    if (name !== filter.name) {
      notices.push({ level: 'warning', message: `"${source}" had two filters called "${filter.name}"; the second is now "${name}".` });
    }
    names.add(name);
    return { ...filter, name, settings };
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
