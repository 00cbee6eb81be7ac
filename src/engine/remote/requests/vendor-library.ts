/**
 * Vendor requests for scene collections and profiles that OBS's protocol lacks:
 *
 *   RemoveSceneCollection { sceneCollectionName } → {}   (the loaded one: another is loaded first)
 *   ImportObsSceneCollection { path } → { sceneCollectionName, skipped: [{ name, reason }] }
 *       path: an OBS scene collection JSON file the studio can read (absolute). It becomes a new
 *       collection named after the file's `name` (made unique), which is then loaded.
 *   ImportObsStreamService { path } → { destinationId }
 *       path: an OBS profile's service.json; its server becomes a destination of the loaded profile
 *       and its key goes to the secret store (never into a reply or a plain file).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { Code, fail, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

/** Bigger than any real collection (OBS's are kilobytes to a few megabytes). */
const MAX_BYTES = 50 * 1024 * 1024;

async function readJsonFile(f: Fields): Promise<string> {
  const file = f.string('path');
  if (!path.isAbsolute(file)) fail(Code.InvalidRequestField, 'The field value of `path` must be an absolute path.');
  const info = await stat(file).catch((e: NodeJS.ErrnoException) =>
    fail(e.code === 'ENOENT' ? Code.ResourceNotFound : Code.ResourceActionFailed, `The file ${file} could not be read (${String(e.code)}).`),
  );
  if (!info.isFile()) fail(Code.InvalidResourceType, `${file} is not a file.`);
  if (info.size > MAX_BYTES) fail(Code.RequestFieldOutOfRange, `${file} is larger than ${MAX_BYTES / 1024 / 1024} MB, too large for a scene collection.`);
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => fail(Code.ResourceActionFailed, `The file ${file} could not be read (${String(e.code)}).`));
}

export const libraryRequests: Record<string, VendorHandler> = {
  RemoveSceneCollection: async (ctx, f) => {
    unwrap(await ctx.studio.execute('collection.remove', { name: f.string('sceneCollectionName') }));
    return {};
  },

  ImportObsSceneCollection: async (ctx, f) => {
    const json = await readJsonFile(f);
    const r = unwrap(await ctx.studio.execute('collection.importObs', { json }));
    return { sceneCollectionName: r.sceneCollectionName, skipped: r.skipped.map(({ name, reason }) => ({ name, reason })) };
  },

  ImportObsStreamService: async (ctx, f) => {
    const json = await readJsonFile(f);
    return { destinationId: unwrap(await ctx.studio.execute('profile.importObsService', { json })).destinationId };
  },
};
