/** Arguments of the collection.* and profile.* commands (see src/shared/commands.ts). */
import * as z from 'zod';
import { NAME_MAX } from '../document/schemas';

// Names appear in menus and obs-websocket replies; a control character would garble both.
const name = z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
/** An exported file's text or an OBS file's: generous, but bounded. */
const json = z.string().min(1).max(50 * 1024 * 1024);

const empty = z.strictObject({});
const named = z.strictObject({ name });
const renamed = z.strictObject({ name, newName: name });

export const LIBRARY_SCHEMAS = {
  list: empty,
  create: named,
  rename: renamed,
  duplicate: renamed,
  remove: named,
  switch: named,
  export: named,
  import: z.strictObject({ json, name }),
  importObs: z.strictObject({ json }),
  importObsService: z.strictObject({ json }),
} as const;

export type LibraryVerb = keyof typeof LIBRARY_SCHEMAS;
export const isLibraryVerb = (v: string): v is LibraryVerb => Object.hasOwn(LIBRARY_SCHEMAS, v);
