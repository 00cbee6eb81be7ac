/**
 * Audience numbers (issue 12), against real parts: the studio (in-process, over obs-websocket)
 * streams to nginx-rtmp; real FFmpeg players join the stream; the studio reads nginx-rtmp's stat page
 * and reports the viewers per destination in GetDestinationStatus and the stats history. A JSON
 * endpoint the test owns stands in for any other server; a destination with no source says "not
 * available", never 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { callVendor, startInProcessRemote, type InProcessRemote, type VendorData } from '../harness/in-process-remote';
import { RIG_FFMPEG as FFMPEG } from '../harness/output-rig';

let nginx: NginxRtmp;
let remote: InProcessRemote;
let counter: http.Server;
let counterUrl = '';
beforeAll(async () => {
  nginx = await startNginxRtmp();
  remote = await startInProcessRemote({ prefix: 'audience-', eventSubscriptions: 0, listen: [] });
  counter = http.createServer((_req, res) => res.end(JSON.stringify({ data: { watching: 1234 } })));
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterUrl = `http://127.0.0.1:${(counter.address() as { port: number }).port}/count`;
});
afterAll(async () => {
  await remote?.close();
  await nginx?.stop();
  await new Promise((resolve) => counter?.close(resolve));
});

const vendor = <T = Record<string, unknown>>(requestType: string, requestData: VendorData = {}): Promise<T> => callVendor<T>(remote.obs, requestType, requestData);

interface Status {
  state: string;
  viewers: number | null;
  viewersNote: string | null;
}
const status = (destinationId: string): Promise<Status> => vendor<Status>('GetDestinationStatus', { destinationId });

/** An FFmpeg that plays the stream from nginx-rtmp and throws the frames away: one viewer. */
function viewer(key: string): ChildProcess {
  return spawn(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', nginx.url(key), '-f', 'null', '-'], { stdio: 'ignore' });
}

describe('audience numbers', () => {
  it('counts real players from nginx-rtmp’s stat page, reads a JSON URL, and says "not available" without a source', async () => {
    const server = `rtmp://127.0.0.1:${nginx.port}/live`;
    await remote.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
    const create = async (name: string, key: string, audience?: VendorData): Promise<string> =>
      (await vendor<{ destinationId: string }>('CreateDestination', { name, server, key, ...(audience && { audience }) })).destinationId;
    const counted = await create('Counted', 'counted-show', { kind: 'nginx_rtmp', url: nginx.statUrl });
    const json = await create('Json', 'json-show', { kind: 'json', url: counterUrl, path: 'data.watching' });
    const none = await create('None', 'none-show');
    const bad = await vendor('CreateDestination', { server, audience: { kind: 'json', url: 'file:///etc/passwd', path: 'x' } }).catch((e: Error) => e.message);
    expect(bad).toMatch(/http:\/\/ or https:\/\//);

    await remote.obs.call('StartStream');
    const players: ChildProcess[] = [];
    try {
      await expect.poll(async () => (await status(counted)).state, { timeout: 60_000, interval: 250 }).toBe('live');
      await expect.poll(async () => (await status(counted)).viewers, { timeout: 30_000, interval: 500 }).toBe(0);
      players.push(viewer('counted-show'), viewer('counted-show'));
      await expect.poll(async () => (await status(counted)).viewers, { timeout: 60_000, interval: 500 }).toBe(2);
      await expect.poll(async () => (await status(json)).viewers, { timeout: 30_000, interval: 500 }).toBe(1234);
      const plain = await status(none);
      expect(plain).toMatchObject({ state: 'live', viewers: null });
      expect(plain.viewersNote).toMatch(/not available/);
      // The history carries the figure too, for the graphs.
      type History = { samples: Array<{ destinations: Array<{ destinationId: string; viewers: number | null }> }> };
      const seen = async (): Promise<Array<number | null>> =>
        (await vendor<History>('GetStatsHistory')).samples.flatMap((s) => s.destinations.filter((d) => d.destinationId === counted).map((d) => d.viewers));
      await expect.poll(seen, { timeout: 10_000, interval: 500 }).toContain(2);

      players.pop()!.kill('SIGKILL');
      await expect.poll(async () => (await status(counted)).viewers, { timeout: 60_000, interval: 500 }).toBe(1);
    } finally {
      for (const p of players) p.kill('SIGKILL');
      await remote.obs.call('StopStream').catch(() => undefined);
    }
    await expect.poll(() => listFfmpegChildren(), { timeout: 20_000 }).toEqual([]);
    expect((await status(counted)).viewers).toBeNull();
  }, 240_000);
});
