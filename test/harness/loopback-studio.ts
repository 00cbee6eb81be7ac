/**
 * A headless server-mode studio whose program streams to a loopback nginx-rtmp (`out.url(key)` once
 * streaming), with a studio client and an obs-websocket-js client connected: what the sync
 * tests (a source's or a transition's sound against its picture) start from. Small by default, so a
 * test adds little load to the files running beside it.
 */
import OBSWebSocket from 'obs-websocket-js';
import type { StudioEvent } from '../../src/shared';
import { startNginxRtmp, type NginxRtmp } from './nginx-rtmp';
import { startStudioServer, type StudioServer } from './studio-server';
import { connectStudio, type StudioClient } from './studio-client';

export interface LoopbackStudio {
  out: NginxRtmp;
  server: StudioServer;
  studio: StudioClient;
  obs: OBSWebSocket;
  /** Starts the stream and waits until it is live; the returned function stops it (and waits). */
  goLive(): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

/** `key`: the stream's name on the nginx (`out.url(key)`). */
export async function startLoopbackStudio(opts: { width?: number; height?: number; key?: string } = {}): Promise<LoopbackStudio> {
  const { width = 320, height = 180, key = 'program' } = opts;
  const out = await startNginxRtmp();
  let server: StudioServer | undefined;
  let studio: StudioClient | undefined;
  const obs = new OBSWebSocket();
  const stop = async (): Promise<void> => {
    await obs.disconnect().catch(() => {});
    studio?.close();
    await server?.stop();
    await out.stop();
  };
  try {
    server = await startStudioServer({ headless: true });
    studio = await connectStudio(server);
    const info = await studio.must('remote.info', {});
    await studio.must('video.set', { baseWidth: width, baseHeight: height, outputWidth: width, outputHeight: height, fpsNumerator: 30, fpsDenominator: 1 });
    await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${out.port}/live`, key, enabled: true });
    await obs.connect(info.url!, info.password!);
  } catch (err) {
    await stop();
    throw err;
  }
  const s = studio;
  return {
    out,
    server,
    studio: s,
    obs,
    async goLive() {
      await s.must('stream.start', {});
      await s.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
      return async () => {
        if ((await s.call('stream.stop', {})).ok) await s.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
      };
    },
    stop,
  };
}
