/**
 * Where the scene collections and profiles live in the data folder, and which are loaded:
 *
 *   library.json              the lists (name → file) and the loaded one of each
 *   collection.json           the first collection ("Untitled"), where every earlier build kept it
 *   profile.json              the first profile ("Untitled"), likewise
 *   collections/<id>.json     every later collection
 *   profiles/<id>.json        every later profile
 *
 * A data folder from before collections existed has no library.json: it reads as one collection and
 * one profile called "Untitled" in the files it already has, so nothing is moved or rewritten to
 * migrate it, and an older build opening the folder still finds the first collection and profile.
 * File names come from random ids, never from the names users type, so a name cannot reach a path.
 * A library.json that cannot be used is moved aside and the lists are rebuilt from the files found.
 */
import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { moveAside, writeFileAtomic } from '../persistence/atomic';
import { COLLECTION_FILE, PROFILE_FILE } from '../persistence/files';
import type { LoadNotice } from '../persistence/load';

export const LIBRARY_FILE = 'library.json';
export const LIBRARY_VERSION = 1;
/** OBS's name for the first collection and profile. */
export const FIRST_NAME = 'Untitled';

export type LibraryKind = 'collection' | 'profile';

export interface Entry {
  name: string;
  /** Relative to the data folder, with forward slashes. */
  file: string;
}

export interface Layout {
  collections: Entry[];
  currentCollection: string;
  profiles: Entry[];
  currentProfile: string;
}

const FILE_PATTERN: Record<LibraryKind, RegExp> = {
  collection: /^(?:collection\.json|collections\/[A-Za-z0-9-]{1,64}\.json)$/,
  profile: /^(?:profile\.json|profiles\/[A-Za-z0-9-]{1,64}\.json)$/,
};
const FOLDER: Record<LibraryKind, string> = { collection: 'collections', profile: 'profiles' };
const ROOT_FILE: Record<LibraryKind, string> = { collection: COLLECTION_FILE, profile: PROFILE_FILE };

const entrySchema = (kind: LibraryKind) =>
  z.object({
    name: z.string().min(1).max(256),
    file: z.string().regex(FILE_PATTERN[kind], `must be a ${kind} file of this data folder`),
  });

const libraryFileSchema = z.object({
  version: z.literal(LIBRARY_VERSION),
  collections: z.array(entrySchema('collection')).min(1),
  currentCollection: z.string(),
  profiles: z.array(entrySchema('profile')).min(1),
  currentProfile: z.string(),
});

/** A new, unused file name for a collection or profile. */
export const newFile = (kind: LibraryKind, id: string = randomUUID()): string => `${FOLDER[kind]}/${id}.json`;

export const absolute = (dataDir: string, file: string): string => path.join(dataDir, ...file.split('/'));

export const entriesOf = (layout: Layout, kind: LibraryKind): Entry[] => (kind === 'collection' ? layout.collections : layout.profiles);
export const currentOf = (layout: Layout, kind: LibraryKind): string => (kind === 'collection' ? layout.currentCollection : layout.currentProfile);

/** The loaded entry of a kind (the layout always names one that exists). */
export function currentEntry(layout: Layout, kind: LibraryKind): Entry {
  const entries = entriesOf(layout, kind);
  return entries.find((e) => e.name === currentOf(layout, kind)) ?? entries[0]!;
}

export async function loadLayout(dataDir: string, notices: LoadNotice[], now: () => number = Date.now): Promise<Layout> {
  const file = path.join(dataDir, LIBRARY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      notices.push({ level: 'error', message: `The list of scene collections and profiles ${file} could not be read (${String((e as NodeJS.ErrnoException).code)}); the ones found in the data folder are listed instead.` });
    }
    return found(dataDir);
  }
  const problem = parseLayout(text);
  if (typeof problem !== 'string') return problem;
  let moved = '';
  try {
    moved = ` It was moved to ${await moveAside(file, 'corrupt', now())}.`;
  } catch {
    /* the notice still says what happened */
  }
  notices.push({
    level: 'error',
    message: `The list of scene collections and profiles ${file} could not be loaded because ${problem}.${moved} Every collection and profile found in the data folder is listed again (names were lost, so they are called "Recovered …").`,
  });
  return found(dataDir);
}

/** The layout a library.json holds, or why it cannot be used. */
function parseLayout(text: string): Layout | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const r = libraryFileSchema.safeParse(raw);
  if (!r.success) return `it is invalid (${r.error.issues[0]?.path.join('.') ?? ''}: ${r.error.issues[0]?.message ?? ''})`;
  const v = r.data;
  for (const list of [v.collections, v.profiles]) {
    if (new Set(list.map((e) => e.name)).size < list.length) return 'two entries share a name';
    if (new Set(list.map((e) => e.file)).size < list.length) return 'two entries share a file';
  }
  const pick = (list: Entry[], name: string): string => (list.some((e) => e.name === name) ? name : list[0]!.name);
  return {
    collections: v.collections,
    currentCollection: pick(v.collections, v.currentCollection),
    profiles: v.profiles,
    currentProfile: pick(v.profiles, v.currentProfile),
  };
}

/** The lists as the files on disk give them: the root files first as "Untitled", then any in the folders. */
async function found(dataDir: string): Promise<Layout> {
  const list = async (kind: LibraryKind): Promise<Entry[]> => {
    const entries: Entry[] = [{ name: FIRST_NAME, file: ROOT_FILE[kind] }];
    const names = await readdir(path.join(dataDir, FOLDER[kind])).catch(() => [] as string[]);
    let n = 0;
    for (const name of names.sort()) {
      const file = `${FOLDER[kind]}/${name}`;
      if (FILE_PATTERN[kind].test(file)) entries.push({ name: `Recovered ${++n}`, file });
    }
    return entries;
  };
  const collections = await list('collection');
  const profiles = await list('profile');
  return { collections, currentCollection: FIRST_NAME, profiles, currentProfile: FIRST_NAME };
}

export async function saveLayout(dataDir: string, layout: Layout): Promise<void> {
  const file = { version: LIBRARY_VERSION, ...layout };
  await writeFileAtomic(path.join(dataDir, LIBRARY_FILE), `${JSON.stringify(file, null, 2)}\n`, { backup: true });
}

/** `wanted`, or with " 2", " 3"… after it when a name in `taken` already has it. */
export function uniqueName(wanted: string, taken: readonly string[]): string {
  let name = wanted;
  for (let n = 2; taken.includes(name); n++) name = `${wanted} ${n}`;
  return name;
}
