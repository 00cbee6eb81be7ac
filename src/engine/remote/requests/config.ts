/** Config requests: video settings, profiles and collections, the stream service, the record folder. */
import path from 'node:path';
import type { VideoSettings } from '../../../shared';
import type { HandlerTable } from './handler';
import { Code, fail, success, unwrap } from './status';
import { streamActive } from './stream';

/** Where recordings go: the folder chosen in the recording settings, else "recordings" in the data folder. */
export const recordDirectory = (folder: string, dataDir: string): string => folder || path.join(dataDir, 'recordings');

export const configRequests: HandlerTable = {
  GetVideoSettings: (ctx) => {
    const v = ctx.studio.document().video;
    return success({
      fpsNumerator: v.fpsNumerator,
      fpsDenominator: v.fpsDenominator,
      baseWidth: v.baseWidth,
      baseHeight: v.baseHeight,
      outputWidth: v.outputWidth,
      outputHeight: v.outputHeight,
    });
  },

  /**
   * Fields count only in pairs, as in OBS: a lone baseWidth is ignored, and a request without a
   * whole pair is refused. OBS's ranges are checked first; the studio's own limits (canvas at most
   * 4096×4096, widths a multiple of 4) answer through the command's error.
   */
  SetVideoSettings: async (ctx, f) => {
    // Unlike OBS, the output size may change while live (live reconfiguration); the canvas and the
    // frame rate may not, and the document answers 500 OutputRunning for those, naming the field.
    const patch: Partial<VideoSettings> = {};
    const pair = (a: keyof VideoSettings, b: keyof VideoSettings, min: number, max: number): void => {
      if (!(f.has(a) && f.has(b))) return;
      patch[a] = Math.trunc(f.number(a, min, max));
      patch[b] = Math.trunc(f.number(b, min, max));
    };
    pair('fpsNumerator', 'fpsDenominator', 1, Infinity);
    pair('baseWidth', 'baseHeight', 8, 4096);
    pair('outputWidth', 'outputHeight', 8, 4096);
    if (Object.keys(patch).length === 0) fail(Code.MissingRequestField, 'You must specify at least one video-changing pair.');
    unwrap(await ctx.studio.execute('video.set', patch));
    return success();
  },

  // Profiles and scene collections: the engine's library (src/engine/library). Names are matched
  // exactly, as OBS does; create switches to the new one, as OBS does.
  GetProfileList: async (ctx) => {
    const { current, names } = unwrap(await ctx.studio.execute('profile.list', {}));
    return success({ currentProfileName: current, profiles: names });
  },

  SetCurrentProfile: async (ctx, f) => {
    unwrap(await ctx.studio.execute('profile.switch', { name: f.string('profileName') }));
    return success();
  },

  CreateProfile: async (ctx, f) => {
    unwrap(await ctx.studio.execute('profile.create', { name: f.string('profileName') }));
    return success();
  },

  RemoveProfile: async (ctx, f) => {
    unwrap(await ctx.studio.execute('profile.remove', { name: f.string('profileName') }));
    return success();
  },

  GetSceneCollectionList: async (ctx) => {
    const { current, names } = unwrap(await ctx.studio.execute('collection.list', {}));
    return success({ currentSceneCollectionName: current, sceneCollections: names });
  },

  /** OBS blocks until the collection has finished changing; so does this (the switch is awaited). */
  SetCurrentSceneCollection: async (ctx, f) => {
    unwrap(await ctx.studio.execute('collection.switch', { name: f.string('sceneCollectionName') }));
    return success();
  },

  CreateSceneCollection: async (ctx, f) => {
    unwrap(await ctx.studio.execute('collection.create', { name: f.string('sceneCollectionName') }));
    return success();
  },

  /**
   * The primary destination (the first) as OBS's rtmp_custom service. The key cannot be read back:
   * the engine keeps it in its secret store and the Studio API never returns it, so only the
   * server is reported.
   */
  GetStreamServiceSettings: (ctx) => {
    const primary = ctx.studio.document().destinations[0];
    return success({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: primary?.server ?? '' } });
  },

  /**
   * rtmp_custom {server, key} sets the primary destination (the first), creating it when there is
   * none. Like OBS for a service of the same type, the settings overlay: a missing key keeps the
   * stored one. Other service types (rtmp_common's service lists) are not supported.
   */
  SetStreamServiceSettings: async (ctx, f) => {
    if (streamActive(ctx.studio.status().stream.state)) {
      fail(Code.OutputRunning, 'You cannot change stream service settings while streaming.');
    }
    const type = f.string('streamServiceType');
    const settings = f.object('streamServiceSettings');
    if (type !== 'rtmp_custom') {
      fail(
        Code.ResourceCreationFailed,
        `Failed to create the stream service with the requested streamServiceType. Only rtmp_custom (server and key) is supported.`,
      );
    }
    const server = settings['server'];
    const key = settings['key'];
    if (server !== undefined && server !== null && typeof server !== 'string') {
      fail(Code.InvalidRequestFieldType, 'The field value of `streamServiceSettings.server` must be a string.');
    }
    if (key !== undefined && key !== null && typeof key !== 'string') {
      fail(Code.InvalidRequestFieldType, 'The field value of `streamServiceSettings.key` must be a string.');
    }
    const primary = ctx.studio.document().destinations[0];
    if (!primary && typeof server !== 'string') {
      fail(Code.MissingRequestField, 'Your request is missing the `streamServiceSettings.server` field.');
    }
    unwrap(
      await ctx.studio.execute('destination.upsert', {
        ...(primary && { id: primary.id }),
        ...(typeof server === 'string' && { server }),
        ...(typeof key === 'string' && { key }),
      }),
    );
    return success();
  },

  GetRecordDirectory: (ctx, _f, env) =>
    success({ recordDirectory: recordDirectory(ctx.studio.document().output.recording.folder, env.dataDir) }),
};
