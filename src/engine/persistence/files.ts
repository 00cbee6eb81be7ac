/**
 * The two saved files, as OBS splits them: the scene collection (scenes, inputs, current scene)
 * and the profile (video, output, destinations). Each is versioned so a future shape can migrate.
 * Neither ever holds a stream key: destinations carry only hasKey.
 */
import path from 'node:path';
import * as z from 'zod';
import type { StudioDocument } from '../../shared';
import {
  destinationSchema,
  hotkeyBindingSchema,
  inputSchema,
  remoteControlSchema,
  outputSettingsSchema,
  sceneSchema,
  videoSettingsSchema,
  webhookSchema,
  transitionSchema,
} from '../document/schemas';
import { watermarkFileSchema } from '../document/watermark';
import { canvasFileSchema } from '../document/canvases';
import { writeFileAtomic } from './atomic';

export const COLLECTION_FILE = 'collection.json';
export const PROFILE_FILE = 'profile.json';
export const SECRETS_FILE = 'secrets.json';
export const FILE_VERSION = 1;

/** Saved shapes, in the model's own types (the schemas' outputs are narrower, so they fit). */
export type CollectionFile = Pick<
  StudioDocument,
  'version' | 'scenes' | 'inputs' | 'currentSceneUuid' | 'studioMode' | 'previewSceneUuid' | 'transition' | 'canvases'
>;
export type ProfileFile = Pick<StudioDocument, 'version' | 'video' | 'output' | 'destinations' | 'webhooks' | 'watermark' | 'hotkeys' | 'remoteControl'>;

/**
 * Each other transition kind's saved settings (load.ts checks their values against the kind). An
 * entry that is not an object stands for that kind's defaults, and a map that is not one for none:
 * neither may cost the user the whole collection.
 */
const otherSettingsSchema = z.record(z.string(), z.record(z.string(), z.unknown()).catch(() => ({}))).optional().catch(undefined);

export const collectionFileSchema: z.ZodType<CollectionFile> = z.object({
  version: z.literal(FILE_VERSION),
  scenes: z.array(sceneSchema).min(1),
  inputs: z.array(inputSchema),
  currentSceneUuid: z.string(),
  // Collections saved before studio mode existed load with it off; '' = "the program scene", which
  // loading resolves (a default here cannot see the sibling field).
  studioMode: z.boolean().default(false),
  previewSceneUuid: z.string().default(''),
  // Collections saved before transitions existed switch scenes with a cut; those saved before each
  // kind kept its own settings have the current kind's only.
  transition: transitionSchema.extend({ otherSettings: otherSettingsSchema }).optional(),
  // Collections saved before extra canvases have none (the main canvas only).
  canvases: z.array(canvasFileSchema).max(64).optional(),
});

export const profileFileSchema: z.ZodType<ProfileFile> = z.object({
  version: z.literal(FILE_VERSION),
  video: videoSettingsSchema,
  output: outputSettingsSchema,
  destinations: z.array(destinationSchema),
  // Profiles saved before webhooks existed have none.
  webhooks: z.array(webhookSchema).default([]),
  // Profiles saved before hotkeys existed have none bound.
  hotkeys: z.array(hotkeyBindingSchema).max(2000).default([]),
  remoteControl: remoteControlSchema.default({ tls: false, allowedOrigins: [] }),
  // Profiles saved before the watermark existed have none (off).
  watermark: watermarkFileSchema.optional(),
});


const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export function collectionJson(doc: StudioDocument): string {
  const file: CollectionFile = {
    version: FILE_VERSION,
    scenes: doc.scenes,
    inputs: doc.inputs,
    currentSceneUuid: doc.currentSceneUuid,
    studioMode: doc.studioMode,
    previewSceneUuid: doc.previewSceneUuid,
    ...(doc.transition && { transition: doc.transition }),
    ...(doc.canvases && { canvases: doc.canvases }),
  };
  return json(file);
}

export function profileJson(doc: StudioDocument): string {
  // Listed field by field so nothing added to a destination later slips into the file unnoticed.
  const file: ProfileFile = {
    version: FILE_VERSION,
    video: doc.video,
    output: doc.output,
    destinations: doc.destinations.map(({ id, name, enabled, server, hasKey, preset, audioOnly, rendition, audioTrack, signing, audience, canvas }) => ({
      id,
      name,
      enabled,
      server,
      hasKey,
      preset,
      audioOnly,
      rendition,
      audioTrack,
      signing,
      audience,
      ...(canvas && { canvas }),
    })),
    webhooks: doc.webhooks.map(({ id, name, url, enabled, events, hasSecret }) => ({ id, name, url, enabled, events, hasSecret })),
    ...(doc.watermark && { watermark: doc.watermark }),
    hotkeys: doc.hotkeys,
    remoteControl: doc.remoteControl,
  };
  return json(file);
}

/** Saves both files now (each atomically, keeping the previous one as .bak). */
export async function saveDocument(dataDir: string, doc: StudioDocument): Promise<void> {
  await writeFileAtomic(path.join(dataDir, COLLECTION_FILE), collectionJson(doc), { backup: true });
  await writeFileAtomic(path.join(dataDir, PROFILE_FILE), profileJson(doc), { backup: true });
}
