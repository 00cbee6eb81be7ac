/**
 * The parts of an OBS scene collection file (OBS 29–31, basic/scenes/<name>.json) the importer
 * reads. Loose: OBS writes many more fields (hotkeys, private settings, projectors, modules), and
 * a field OBS omits takes OBS's default. Scenes and groups are sources too (id "scene" / "group"),
 * whose settings.items are their scene items, bottom first.
 */
import * as z from 'zod';
import { Status, fail, ok, type Result } from '../../shared';
import { parseArgs } from '../document/issues';

const vec = z.looseObject({ x: z.number().default(0), y: z.number().default(0) });

export const obsItemSchema = z.looseObject({
  /** The source's name; OBS 30+ also writes source_uuid, which wins when both are there. */
  name: z.string(),
  source_uuid: z.string().optional(),
  id: z.number().int().nonnegative().optional(),
  visible: z.boolean().default(true),
  locked: z.boolean().default(false),
  rot: z.number().default(0),
  pos: vec.default({ x: 0, y: 0 }),
  scale: vec.default({ x: 1, y: 1 }),
  /** OBS alignment bits of the point at pos: 1 left, 2 right, 4 top, 8 bottom, 0 centre. */
  align: z.number().int().default(5),
  /** OBS_BOUNDS_*: 0 none, 1 stretch, 2 scale inner, 3 scale outer, 4 to width, 5 to height, 6 max only. */
  bounds_type: z.number().int().default(0),
  bounds_align: z.number().int().default(0),
  bounds: vec.default({ x: 0, y: 0 }),
  crop_left: z.number().default(0),
  crop_top: z.number().default(0),
  crop_right: z.number().default(0),
  crop_bottom: z.number().default(0),
});
export type ObsItem = z.output<typeof obsItemSchema>;

export const obsFilterSchema = z.looseObject({
  name: z.string(),
  id: z.string(),
  versioned_id: z.string().optional(),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type ObsFilter = z.output<typeof obsFilterSchema>;

export const obsSourceSchema = z.looseObject({
  name: z.string(),
  /** The kind without its version suffix (color_source); versioned_id has it (color_source_v3). */
  id: z.string(),
  versioned_id: z.string().optional(),
  uuid: z.string().optional(),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
  /** A multiplier (1 = 0 dB), as OBS stores it. */
  volume: z.number().default(1),
  muted: z.boolean().default(false),
  balance: z.number().default(0.5),
  /** Sync offset in nanoseconds. */
  sync: z.number().default(0),
  /** 0 none, 1 monitor only, 2 monitor and output. */
  monitoring_type: z.number().int().default(0),
  /** Tracks as bits: 1 = track 1 … 32 = track 6. */
  mixers: z.number().int().default(0xff),
  filters: z.array(obsFilterSchema).default([]),
  hotkeys: z.record(z.string(), z.unknown()).default({}),
});
export type ObsSource = z.output<typeof obsSourceSchema>;

export const obsCollectionSchema = z.looseObject({
  name: z.string().default(''),
  sources: z.array(obsSourceSchema),
  groups: z.array(obsSourceSchema).default([]),
  /** The program scene; current_scene is the preview in studio mode (the program scene otherwise). */
  current_program_scene: z.string().optional(),
  current_scene: z.string().optional(),
  scene_order: z.array(z.looseObject({ name: z.string() })).default([]),
  transitions: z
    .array(z.looseObject({ name: z.string(), id: z.string(), versioned_id: z.string().optional(), settings: z.record(z.string(), z.unknown()).default({}) }))
    .default([]),
  current_transition: z.string().optional(),
  /** Milliseconds. */
  transition_duration: z.number().default(300),
});
export type ObsCollection = z.output<typeof obsCollectionSchema>;

/** Items of a scene or group source, each checked (a malformed one makes the file unusable). */
export function itemsOf(source: ObsSource): Result<ObsItem[]> {
  const items = source.settings['items'];
  if (items === undefined) return ok([]);
  const r = parseArgs(z.array(obsItemSchema), items);
  if (!r.ok) return fail(Status.InvalidRequestField, `The items of scene "${source.name}" are not in OBS's format: ${r.error.message}`);
  return r;
}

export function parseObsCollection(text: string): Result<ObsCollection> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(Status.InvalidRequestField, 'The file is not valid JSON, so it is not an OBS scene collection.');
  }
  const r = parseArgs(obsCollectionSchema, raw);
  if (!r.ok) return fail(Status.InvalidRequestField, `The file is not an OBS scene collection: ${r.error.message}`);
  return r;
}
