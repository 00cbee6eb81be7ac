/** General requests: version, stats, custom events, vendor calls, hotkeys, Sleep. */
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { RequestContext } from '../types';
import { callVendorRequest } from './vendor';
import type { HandlerTable } from './handler';
import { Code, fail, success, unwrap } from './status';
import { comboFrom } from '../../hotkeys/hotkeys';
import { streamActive } from './stream';
// One source for the versions, so Hello and GetVersion can never disagree.
import { OBS_STUDIO_VERSION as OBS_VERSION, OBS_WEBSOCKET_VERSION, RPC_VERSION } from '../protocol';

/** What GetSourceScreenshot / SaveSourceScreenshot accept (the compositor encodes PNG, JPEG, WebP). */
export const IMAGE_FORMATS = ['png', 'jpg', 'jpeg', 'webp'] as const;

const MB = 1024 * 1024;
const SERIAL_REALTIME = 0;
const SERIAL_FRAME = 1;

/** The batch mode the request runs under, from the transport. */
const executionType = (ctx: RequestContext): number | undefined => ctx.executionType;

/** QSysInfo::productType() names: windows, macos, or the Linux flavour (we say linux). */
function platform(): string {
  if (process.platform === 'win32') return 'windows';
  if (process.platform === 'darwin') return 'macos';
  return process.platform;
}

async function freeMegabytes(dirs: string[]): Promise<number> {
  for (const dir of dirs) {
    try {
      const s = await statfs(dir);
      return (s.bavail * s.bsize) / MB;
    } catch {
      // Not there (yet): try the next place.
    }
  }
  return 0;
}

export const generalRequests: HandlerTable = {
  GetVersion: (_ctx, _f, env) =>
    success({
      obsVersion: OBS_VERSION,
      obsWebSocketVersion: OBS_WEBSOCKET_VERSION,
      rpcVersion: RPC_VERSION,
      availableRequests: env.availableRequests(),
      supportedImageFormats: [...IMAGE_FORMATS],
      platform: platform(),
      platformDescription: `${os.type()} ${os.release()}`,
    }),

  GetStats: async (ctx, _f, env) => {
    const { stream } = ctx.studio.status();
    const video = ctx.studio.document().video;
    const session = ctx.sessionStats();
    return success({
      cpuUsage: env.cpuUsage(),
      memoryUsage: process.memoryUsage().rss / MB,
      availableDiskSpace: await freeMegabytes([env.dataDir, process.cwd()]),
      // The engine measures frames only while the output runs; otherwise the compositor ticks at the
      // canvas rate, which is what OBS's render loop reports too.
      activeFps: streamActive(stream.state) ? stream.fps : video.fpsNumerator / video.fpsDenominator,
      averageFrameRenderTime: stream.renderMs,
      renderSkippedFrames: stream.lagged,
      renderTotalFrames: stream.framesSent,
      outputSkippedFrames: stream.skipped,
      outputTotalFrames: stream.framesSent,
      webSocketSessionIncomingMessages: session.incomingMessages,
      webSocketSessionOutgoingMessages: session.outgoingMessages,
      // Ours, beyond OBS's fields: the live output's A/V offset (sound − picture, ms; null when unknown)
      // and the resampling that holds it (ppm of the frame clock).
      avOffsetMs: streamActive(stream.state) ? (stream.avOffsetMs ?? null) : null,
      audioDriftPpm: streamActive(stream.state) ? (stream.audioDriftPpm ?? 0) : 0,
    });
  },

  BroadcastCustomEvent: (ctx, f) => {
    const eventData = f.object('eventData');
    ctx.broadcastCustomEvent(eventData);
    return success();
  },

  CallVendorRequest: (ctx, f) => {
    const vendorName = f.string('vendorName');
    const requestType = f.string('requestType');
    const requestData = f.optObject('requestData', true) ?? {};
    return callVendorRequest(ctx, vendorName, requestType, requestData);
  },

  /** Every hotkey name the studio offers now, OBS's where the action matches (each listed once). */
  GetHotkeyList: async (ctx) => {
    const listed = unwrap(await ctx.studio.execute('hotkey.list', {}));
    return success({ hotkeys: [...new Set(listed.actions.map((a) => a.name))] });
  },

  /** As OBS: contextName picks the scene or input for an action that several have. */
  TriggerHotkeyByName: async (ctx, f) => {
    const name = f.string('hotkeyName');
    const contextName = f.optString('contextName');
    unwrap(await ctx.studio.execute('hotkey.trigger', { name, ...(contextName !== undefined && { contextName }) }));
    return success();
  },

  /** Runs whatever is bound to the key combination (no binding is not an error, as in OBS). */
  TriggerHotkeyByKeySequence: async (ctx, f) => {
    const keyId = f.optString('keyId');
    const modifiers = f.optObject('keyModifiers', true);
    for (const m of ['shift', 'control', 'alt', 'command']) {
      if (modifiers && m in modifiers && typeof modifiers[m] !== 'boolean') fail(Code.InvalidRequestFieldType, `The field value of \`keyModifiers.${m}\` must be a boolean.`);
    }
    const combo = unwrap(comboFrom(keyId, modifiers));
    unwrap(await ctx.studio.execute('hotkey.triggerKeys', { combo }));
    return success();
  },

  /**
   * Only in serial batches, as in OBS: sleepMillis in SerialRealtime, sleepFrames (whole frames of the
   * canvas rate) in SerialFrame, 206 outside a batch or in Parallel. When the context does not say
   * which mode it runs in, the field the client sent decides.
   */
  Sleep: async (ctx, f, env) => {
    const mode = executionType(ctx) ?? (f.has('sleepFrames') && !f.has('sleepMillis') ? SERIAL_FRAME : SERIAL_REALTIME);
    let ms: number;
    if (mode === SERIAL_REALTIME) ms = Math.trunc(f.number('sleepMillis', 0, 50000));
    else if (mode === SERIAL_FRAME) ms = Math.trunc(f.number('sleepFrames', 0, 10000)) * ctx.frameDurationMs();
    else return fail(Code.UnsupportedRequestBatchExecutionType);
    if (ms > 0) await new Promise<void>((resolve) => env.clock.setTimeout(resolve, ms));
    return success();
  },
};
