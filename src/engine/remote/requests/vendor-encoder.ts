/**
 * Vendor requests (vendorName "broadcast-studio") for the stream's encoder, which obs-websocket has
 * no request for (OBS reads it from profile parameters). They work while live: the running encoders
 * take the new settings without any destination reconnecting (live reconfiguration, see
 * output/stream-output.ts); what cannot change while live (the encoder itself, or anything while
 * nothing may change) answers 500 OutputRunning naming the field.
 *
 *   GetEncoderSettings → { encoderSettings: { encoder, rateControl, bitrateKbps, keyframeIntervalSec,
 *                          preset, profile, bFrames, audioBitrateKbps }, templates: [name] }
 *   SetEncoderSettings { encoderSettings: { …any of those fields } } → the same as Get
 *   ApplyEncoderTemplate { templateName } → the same as Get (a built-in or saved template)
 */
import { BUILT_IN_TEMPLATES } from '../../output/encoders/templates';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function encoderData(ctx: RequestContext): Data {
  const out = ctx.studio.document().output;
  return {
    encoderSettings: { ...out.encoder },
    templates: [...BUILT_IN_TEMPLATES, ...out.templates].map((t) => t.name),
  };
}

export const encoderRequests: Record<string, VendorHandler> = {
  GetEncoderSettings: (ctx) => encoderData(ctx),

  SetEncoderSettings: async (ctx, f) => {
    // The engine's schema checks each field's type and range and names the one that is wrong.
    unwrap(await ctx.studio.execute('output.setEncoder', f.object('encoderSettings')));
    return encoderData(ctx);
  },

  ApplyEncoderTemplate: async (ctx, f) => {
    unwrap(await ctx.studio.execute('template.apply', { name: f.string('templateName') }));
    return encoderData(ctx);
  },
};
