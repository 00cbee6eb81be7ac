/**
 * Vendor requests (vendorName "broadcast-studio") for the producers' low-latency preview, the
 * program as HLS cut from the encoding the studio already makes (engine/output/hls-preview.ts):
 *
 *   StartPreviewHls → the same as GetPreviewHls; the preview runs while the main encoding runs (a
 *                     stream, a recording or the replay buffer); it never starts the encoders itself
 *   StopPreviewHls  → the same as GetPreviewHls
 *   GetPreviewHls   → { enabled, active, url }
 *
 * url is the playlist's path with this run's token (/preview/hls/index.m3u8?token=…), on the
 * obs-websocket server's own HTTP address (where the web remote comes from). Only clients that
 * identified (with the password, when one is set) can ask for it; the token changes every run.
 */
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { Code, fail } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function preview(ctx: RequestContext): NonNullable<RequestContext['studio']['previewHls']> {
  return ctx.studio.previewHls ?? fail(Code.NotReady, 'This studio has no HLS preview.');
}

const data = (ctx: RequestContext): Data => ({ ...preview(ctx).status() });

export const previewRequests: Record<string, VendorHandler> = {
  GetPreviewHls: (ctx) => data(ctx),
  StartPreviewHls: async (ctx) => {
    await preview(ctx).setEnabled(true);
    return data(ctx);
  },
  StopPreviewHls: async (ctx) => {
    await preview(ctx).setEnabled(false);
    return data(ctx);
  },
};
