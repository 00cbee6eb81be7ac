/**
 * Vendor requests (vendorName "broadcast-studio") for periodic program screenshots, which OBS does
 * not have: pictures of program saved every few seconds while live, for moderation and thumbnails.
 *
 *   GetPeriodicScreenshots → { enabled, intervalSec, folder, format, maxWidth, keep,
 *                              active, saved, failed, lastFile, lastError }
 *   SetPeriodicScreenshots { enabled?, intervalSec?, folder?, format?, maxWidth?, keep? } → the same as Get
 *
 * `folder` '' means "screenshots" in the data folder; Get answers the folder actually used.
 */
import type { ScreenshotSettings } from '../../../shared';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { Code, fail, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function describe(ctx: RequestContext): Data {
  const settings = ctx.studio.document().output.screenshots;
  const status = ctx.studio.periodicScreenshots();
  return {
    ...settings,
    folder: status.folder,
    active: status.active,
    saved: status.saved,
    failed: status.failed,
    lastFile: status.lastFile,
    lastError: status.lastError,
  };
}

function patchOf(f: Fields): Partial<ScreenshotSettings> {
  const format = f.optString('format');
  if (format !== undefined && format !== 'png' && format !== 'jpeg') {
    fail(Code.InvalidRequestField, 'The field value of `format` must be "png" or "jpeg".');
  }
  const enabled = f.optBoolean('enabled');
  const intervalSec = f.optNumber('intervalSec');
  const folder = f.optString('folder', true);
  const maxWidth = f.optNumber('maxWidth');
  const keep = f.optNumber('keep');
  return {
    ...(enabled !== undefined && { enabled }),
    ...(intervalSec !== undefined && { intervalSec }),
    ...(folder !== undefined && { folder }),
    ...(format !== undefined && { format }),
    ...(maxWidth !== undefined && { maxWidth }),
    ...(keep !== undefined && { keep }),
  };
}

export const screenshotRequests: Record<string, VendorHandler> = {
  GetPeriodicScreenshots: (ctx) => describe(ctx),
  SetPeriodicScreenshots: async (ctx, f) => {
    // The engine checks the ranges (intervalSec 1..3600, keep 1..100000, an absolute folder).
    unwrap(await ctx.studio.execute('output.setScreenshots', patchOf(f)));
    return describe(ctx);
  },
};
