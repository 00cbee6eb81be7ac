/**
 * GetPersistentData / SetPersistentData: obs-websocket's slots where a control surface keeps values
 * between runs (a deck page's state, a counter). OBS_WEBSOCKET_DATA_REALM_GLOBAL is one file in the
 * data folder; OBS_WEBSOCKET_DATA_REALM_PROFILE is a file beside the loaded profile's own, so it
 * stays with that profile through a rename (the profile's file keeps its id), as OBS's stays in the
 * profile's folder. Each write replaces the file atomically, writes to one file run one at a time,
 * and a realm is capped so a client cannot fill the disk. A file that is not a JSON object is moved
 * aside, never overwritten, before the first new value is written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { currentEntry, absolute, loadLayout } from '../../library/layout';
import { moveAside, writeFileAtomic } from '../../persistence/atomic';
import type { HandlerTable, RequestEnv } from './handler';
import { Code, RequestError, fail, success } from './status';

const GLOBAL = 'OBS_WEBSOCKET_DATA_REALM_GLOBAL';
const PROFILE = 'OBS_WEBSOCKET_DATA_REALM_PROFILE';
/** The most a realm's file may hold, in bytes of JSON. */
export const REALM_MAX_BYTES = 1 << 20;

/** Writes per file, chained so two sets at once cannot lose one another's slot. */
const writing = new Map<string, Promise<unknown>>();

/** The realm's file; after the fields are checked, as obs-websocket checks them first. */
async function realmFile(realm: string, env: RequestEnv): Promise<string> {
  if (realm === GLOBAL) return path.join(env.dataDir, 'obs-websocket-data.json');
  if (realm !== PROFILE) fail(Code.ResourceNotFound, 'You have specified an invalid persistent data realm.');
  const profile = currentEntry(await loadLayout(env.dataDir, []), 'profile');
  return absolute(env.dataDir, profile.file).replace(/\.json$/, '.obs-websocket-data.json');
}

type Slots = Record<string, unknown>;

/** The realm's slots; null when the file exists but is not a JSON object (kept for the caller to move). */
async function read(file: string): Promise<Slots | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Slots) : null;
  } catch {
    return null;
  }
}

async function write(file: string, slot: string, value: unknown): Promise<void> {
  let slots = await read(file);
  if (slots === null) {
    await moveAside(file, 'corrupt');
    slots = {};
  }
  const text = JSON.stringify({ ...slots, [slot]: value });
  if (Buffer.byteLength(text) > REALM_MAX_BYTES) {
    fail(Code.RequestFieldOutOfRange, `This realm would hold ${Math.ceil(Buffer.byteLength(text) / 1024)} KB; at most ${REALM_MAX_BYTES / 1024} KB are kept.`);
  }
  await writeFileAtomic(file, text);
}

export const persistentDataRequests: HandlerTable = {
  GetPersistentData: async (_ctx, f, env) => {
    const realm = f.string('realm');
    const slot = f.string('slotName');
    const file = await realmFile(realm, env);
    const slots = (await read(file)) ?? {};
    return success({ slotValue: Object.hasOwn(slots, slot) ? slots[slot] : null });
  },

  SetPersistentData: async (_ctx, f, env) => {
    const realm = f.string('realm');
    const slot = f.string('slotName');
    const value = f.any('slotValue');
    const file = await realmFile(realm, env);
    const next = (writing.get(file) ?? Promise.resolve()).catch(() => {}).then(() => write(file, slot, value));
    writing.set(file, next);
    try {
      await next;
    } catch (error) {
      if (error instanceof RequestError) throw error;
      fail(Code.RequestProcessingFailed, `Unable to write persistent data: ${String(error)}`);
    } finally {
      if (writing.get(file) === next) writing.delete(file);
    }
    return success();
  },
};
