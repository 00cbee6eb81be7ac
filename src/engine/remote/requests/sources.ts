/**
 * Source requests: active state and screenshots. Screenshots are rendered by a connected renderer's
 * compositor (Studio.screenshot): an input alone at its own size, or a scene composited as program
 * would show it, current or not. With no renderer connected the studio answers 207 NotReady.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { shownSources } from '../../../shared';
import type { ScreenshotRequest } from '../../api';
import type { RequestContext } from '../types';
import type { Fields } from './fields';
import { IMAGE_FORMATS } from './general';
import type { HandlerTable } from './handler';
import { findSource, type Source } from './lookup';
import { Code, fail, success, unwrap } from './status';

/** Whether program shows the source: the program scene itself, or an enabled item of it. */
function onProgram(ctx: RequestContext, source: Source): boolean {
  const doc = ctx.studio.document();
  const uuid = source.type === 'scene' ? source.scene.uuid : source.input.uuid;
  // Nested scenes and groups count: what they show is on program too.
  return uuid === doc.currentSceneUuid || shownSources(doc, doc.currentSceneUuid).has(uuid);
}

/** Checks the fields OBS checks, in its order, after the source and format were read. */
function imageOptions(f: Fields, format: string): Omit<ScreenshotRequest, 'sourceUuid'> {
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
    fail(Code.InvalidRequestField, 'Your specified image format is invalid or not supported by this system.');
  }
  const width = f.optNumber('imageWidth', 8, 4096);
  const height = f.optNumber('imageHeight', 8, 4096);
  const quality = f.optNumber('imageCompressionQuality', -1, 100);
  return {
    format: format === 'png' ? 'png' : format === 'webp' ? 'webp' : 'jpeg',
    ...(width !== undefined && { width: Math.trunc(width) }),
    ...(height !== undefined && { height: Math.trunc(height) }),
    ...(quality !== undefined && { quality: Math.trunc(quality) }),
  };
}

/** The compositor's picture as base64, or the studio's reason why not (207 when no renderer is connected). */
async function shoot(ctx: RequestContext, source: Source, options: Omit<ScreenshotRequest, 'sourceUuid'>): Promise<string> {
  const sourceUuid = source.type === 'input' ? source.input.uuid : source.scene.uuid;
  const { dataUrl } = unwrap(await ctx.studio.screenshot({ sourceUuid, ...options }));
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) fail(Code.RequestProcessingFailed, 'Failed to render screenshot.');
  return dataUrl.slice(comma + 1);
}

export const sourceRequests: HandlerTable = {
  /** The studio's preview shows program, so a source is showing exactly when it is active. */
  GetSourceActive: (ctx, f) => {
    const active = onProgram(ctx, findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid'));
    return success({ videoActive: active, videoShowing: active });
  },

  GetSourceScreenshot: async (ctx, f) => {
    const source = findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid');
    const format = f.string('imageFormat');
    const base64 = await shoot(ctx, source, imageOptions(f, format));
    // OBS names the format as the client wrote it: data:image/jpg;base64,…
    return success({ imageData: `data:image/${format};base64,${base64}` });
  },

  /** Like OBS, the folder must exist; unlike OBS, the path must be absolute (no server working directory guesses). */
  SaveSourceScreenshot: async (ctx, f) => {
    const source = findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid');
    const format = f.string('imageFormat');
    const file = f.string('imageFilePath');
    if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
      fail(Code.InvalidRequestField, 'Your specified image format is invalid or not supported by this system.');
    }
    if (!path.isAbsolute(file)) fail(Code.InvalidRequestField, 'The field `imageFilePath` must be an absolute path.');
    const dirExists = await access(path.dirname(file)).then(
      () => true,
      () => false,
    );
    if (!dirExists) fail(Code.ResourceNotFound, 'The directory for your file path does not exist.');
    const base64 = await shoot(ctx, source, imageOptions(f, format));
    try {
      await writeFile(file, Buffer.from(base64, 'base64'));
    } catch {
      fail(Code.RequestProcessingFailed, 'Failed to save screenshot.');
    }
    return success();
  },
};
