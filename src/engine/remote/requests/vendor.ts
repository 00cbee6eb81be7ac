/**
 * Our own requests, reached through CallVendorRequest with vendorName "broadcast-studio":
 *
 *   GetDestinationList                 → { destinations: [{ destinationId, name, server, hasKey, enabled,
 *                                           preset, audioOnly, rendition, audioTrack, signing, hasSigningKey, state }] }
 *   CreateDestination { server, key?, name?, enabled?, audioOnly?, rendition?, audioTrack? (1..6), preset?,
 *                       signing?: { scheme: 'auth_key' | 'hmac_sha256', privateKey, offsetSeconds? } | null,
 *                       audience?: { kind: 'nginx_rtmp' | 'srs', url } | { kind: 'json', url, path } | null }
 *                                      → { destinationId }
 *   SetDestinationSettings { destinationId, …the same fields, all optional } → {}
 *   RemoveDestination { destinationId } → {}
 *   StartDestination / StopDestination / ReconnectDestination { destinationId } → {}
 *   GetDestinationStatus { destinationId } → { destinationId, state, bitrateKbps, bytesSent, droppedFrames,
 *                                              reconnects, lastError, uptimeMs, congestion, viewers, viewersNote }
 *   GetLastStreamReport → { report, path, htmlPath } (the last stream's report: see src/shared/report.ts)
 *   GetDiagnosis       → { severity, where, destinationId, destinationName, message }
 *   GetBandwidthBudget → { requiredKbps, uplinkKbps, fits, perDestination: [{ destinationId, name, kbps }], message }
 *   GetStatsHistory    → { samples: [{ t, state, fps, bitrateKbps, renderMs, encoderSpeed, cpuPercent, lagged,
 *                          skipped, dropped, destinations: [{ destinationId, name, state, bitrateKbps,
 *                          congestion, droppedFrames }] }] }, oldest first
 *   StartPreviewHls / StopPreviewHls / GetPreviewHls: the producers' HLS preview, see vendor-preview.ts.
 *
 * Lower thirds, overlay clocks and the program watermark: see vendor-overlays.ts. Periodic screenshots: vendor-screenshots.ts.
 * RemoveSceneCollection, ImportObsSceneCollection, ImportObsStreamService: vendor-library.ts.
 * GetReplayBufferSettings, SetReplayBufferSettings, PlayLastReplay: vendor-replay.ts.
 * GetEncoderSettings, SetEncoderSettings, ApplyEncoderTemplate (they work while live): vendor-encoder.ts.
 * GetCanvasList, SetCanvasSettings (extra canvases, e.g. the vertical one): vendor-canvases.ts.
 *
 * Field names follow OBS's rtmp_custom service (server, key). A key goes in and never comes out:
 * replies carry hasKey only. Failures use obs-websocket status codes (600 for an unknown
 * destinationId, the studio's own codes for what the engine refuses), unlike OBS vendor requests,
 * which cannot fail.
 */
import { AUDIO_TRACK_COUNT, type CommandArgs, type Destination, type DestinationStats, type StudioDocument } from '../../../shared';
import { VENDOR_NAME, type RequestContext, type RequestOutcome } from '../types';
import { Fields, isObject, type Data } from './fields';
import { previewRequests } from './vendor-preview';
import { budgetData, diagnosisData, sampleData } from './stats-shapes';
import { overlayRequests, watermarkRequests } from './vendor-overlays';
import { screenshotRequests } from './vendor-screenshots';
import { libraryRequests } from './vendor-library';
import { replayRequests } from './vendor-replay';
import { encoderRequests } from './vendor-encoder';
import { canvasRequests } from './vendor-canvases';
import { Code, fail, failure, success, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function destination(doc: StudioDocument, f: Fields): Destination {
  const id = f.string('destinationId');
  return doc.destinations.find((d) => d.id === id) ?? fail(Code.ResourceNotFound, `No destination was found with the id \`${id}\`.`);
}

const statsOf = (ctx: RequestContext, id: string): DestinationStats | undefined =>
  ctx.studio.status().destinations.find((d) => d.id === id);

/** The settings a create or update may carry, checked by type; the engine checks the values. */
function settings(f: Fields): Omit<CommandArgs<'destination.upsert'>, 'id'> {
  const rendition = f.data['rendition'];
  if (rendition !== undefined && rendition !== null && !isObject(rendition)) {
    fail(Code.InvalidRequestFieldType, 'The field value of `rendition` must be an object.');
  }
  const name = f.optString('name');
  const server = f.optString('server');
  const key = f.optString('key', true);
  const enabled = f.optBoolean('enabled');
  const audioOnly = f.optBoolean('audioOnly');
  // The mixer track it sends (OBS's stream "Audio Track"); the engine refuses a fraction.
  const audioTrack = f.optNumber('audioTrack', 1, AUDIO_TRACK_COUNT);
  const preset = f.optString('preset');
  const signing = f.data['signing'];
  const audience = f.data['audience'];
  if (audience !== undefined && audience !== null && !isObject(audience)) {
    fail(Code.InvalidRequestFieldType, 'The field value of `audience` must be an object ({ kind, url, path? }) or null.');
  }
  if (signing !== undefined && signing !== null && !isObject(signing)) {
    fail(Code.InvalidRequestFieldType, 'The field value of `signing` must be an object ({ scheme, privateKey, offsetSeconds? }) or null.');
  }
  return {
    ...(name !== undefined && { name }),
    ...(server !== undefined && { server }),
    ...(key !== undefined && { key }),
    ...(enabled !== undefined && { enabled }),
    ...(audioOnly !== undefined && { audioOnly }),
    ...(audioTrack !== undefined && { audioTrack }),
    ...(preset !== undefined && { preset }),
    // An explicit null means "share the main rendition"; absent leaves it as it is.
    ...(Object.hasOwn(f.data, 'rendition') && { rendition: (rendition ?? null) as CommandArgs<'destination.upsert'>['rendition'] }),
    // The engine checks the rule's fields; the private key goes to the secret store, never a reply.
    ...(Object.hasOwn(f.data, 'signing') && { signing: (signing ?? null) as CommandArgs<'destination.upsert'>['signing'] }),
    ...(Object.hasOwn(f.data, 'audience') && { audience: (audience ?? null) as CommandArgs<'destination.upsert'>['audience'] }),
  };
}

const act =
  (command: 'destination.remove' | 'destination.start' | 'destination.stop' | 'destination.reconnect'): VendorHandler =>
  async (ctx, f) => {
    const d = destination(ctx.studio.document(), f);
    unwrap(await ctx.studio.execute(command, { id: d.id }));
    return {};
  };

export const vendorRequests: Record<string, VendorHandler> = {
  GetDestinationList: (ctx) => ({
    destinations: ctx.studio.document().destinations.map((d) => ({
      destinationId: d.id,
      name: d.name,
      server: d.server,
      hasKey: d.hasKey,
      enabled: d.enabled,
      preset: d.preset,
      audioOnly: d.audioOnly,
      rendition: d.rendition,
      audioTrack: d.audioTrack ?? 1,
      signing: d.signing && { scheme: d.signing.scheme, offsetSeconds: d.signing.offsetSeconds },
      hasSigningKey: d.signing?.hasSigningKey ?? false,
      audience: d.audience,
      state: statsOf(ctx, d.id)?.state ?? 'idle',
    })),
  }),

  CreateDestination: async (ctx, f) => {
    f.string('server');
    const { id } = unwrap(await ctx.studio.execute('destination.upsert', settings(f)));
    return { destinationId: id };
  },

  SetDestinationSettings: async (ctx, f) => {
    const d = destination(ctx.studio.document(), f);
    unwrap(await ctx.studio.execute('destination.upsert', { id: d.id, ...settings(f) }));
    return {};
  },

  RemoveDestination: act('destination.remove'),
  StartDestination: act('destination.start'),
  StopDestination: act('destination.stop'),
  ReconnectDestination: act('destination.reconnect'),

  GetDestinationStatus: (ctx, f) => {
    const d = destination(ctx.studio.document(), f);
    const s = statsOf(ctx, d.id);
    return {
      destinationId: d.id,
      state: s?.state ?? 'idle',
      bitrateKbps: s?.bitrateKbps ?? 0,
      bytesSent: s?.bytesSent ?? 0,
      droppedFrames: s?.dropped ?? 0,
      reconnects: s?.reconnects ?? 0,
      lastError: s?.lastError ?? null,
      uptimeMs: s?.uptimeMs ?? 0,
      congestion: s?.congestion ?? 0,
      // null (with the reason) when the server cannot say: never a made-up 0.
      viewers: s?.viewers ?? null,
      viewersNote: s?.viewersNote ?? 'not available while the destination is not sending',
    };
  },

  GetLastStreamReport: async (ctx) => {
    const last = unwrap(await ctx.studio.execute('stats.lastReport', {}));
    return { report: last.report as unknown as Data, path: last.path, htmlPath: last.htmlPath };
  },

  GetDiagnosis: async (ctx) => diagnosisData(unwrap(await ctx.studio.execute('stats.diagnosis', {}))),
  GetBandwidthBudget: async (ctx) => budgetData(unwrap(await ctx.studio.execute('stats.budget', {}))),
  GetStatsHistory: async (ctx) => ({ samples: unwrap(await ctx.studio.execute('stats.history', {})).samples.map(sampleData) }),
  // The producers' HLS preview (vendor-preview.ts).
  ...previewRequests,
  // Live graphics: lower thirds and overlay clocks (vendor-overlays.ts).
  ...overlayRequests,
  ...watermarkRequests,
  ...screenshotRequests,
  // Scene collections and profiles beyond OBS's protocol, OBS imports (vendor-library.ts).
  ...libraryRequests,
  // Replay buffer settings and playing the last replay on air (vendor-replay.ts).
  ...replayRequests,
  ...encoderRequests,
  ...canvasRequests,
};

/** CallVendorRequest's body once its own fields are checked (general.ts). */
export async function callVendorRequest(
  ctx: RequestContext,
  vendorName: string,
  requestType: string,
  requestData: Data,
): Promise<RequestOutcome> {
  if (vendorName !== VENDOR_NAME) return failure(Code.ResourceNotFound, 'No vendor was found by that name.');
  const handler = Object.hasOwn(vendorRequests, requestType) ? vendorRequests[requestType] : undefined;
  if (!handler) return failure(Code.ResourceNotFound, 'No request was found by that name.');
  // A failing handler throws a RequestError, which the registry turns into the reply's status.
  const responseData = await handler(ctx, new Fields(requestData));
  return success({ vendorName, requestType, responseData });
}
