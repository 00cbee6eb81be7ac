/**
 * The post-stream report (issue 12), against real parts: the in-process studio streams through real
 * FFmpeg to two nginx-rtmp servers; one is killed mid-stream (the destination reconnects), then the
 * stream stops. The report is read back three ways: the JSON file beside the recordings, the HTML
 * page, GetLastStreamReport over obs-websocket — and a webhook receiver is told where it is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamReport } from '../../src/shared';
import { startReceiver, type Receiver } from '../../src/engine/webhooks/test-receiver';
import { listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { callVendor, refused, startInProcessRemote, type InProcessRemote, type VendorData } from '../harness/in-process-remote';

let steady: NginxRtmp;
let doomed: NginxRtmp;
let remote: InProcessRemote;
let receiver: Receiver;
const SECRET = 'report-webhook-secret-0123456789';
beforeAll(async () => {
  [steady, doomed] = await Promise.all([startNginxRtmp(), startNginxRtmp()]);
  remote = await startInProcessRemote({ prefix: 'stream-report-', eventSubscriptions: 0, listen: [] });
  receiver = await startReceiver(() => SECRET);
});
afterAll(async () => {
  await remote?.close();
  await Promise.all([steady?.stop(), doomed?.stop(), receiver?.close()]);
});

const vendor = <T = Record<string, unknown>>(requestType: string, requestData: VendorData = {}): Promise<T> => callVendor<T>(remote.obs, requestType, requestData);
const stateOf = async (destinationId: string): Promise<string> => (await vendor<{ state: string }>('GetDestinationStatus', { destinationId })).state;

describe('post-stream report', () => {
  it('is written as JSON and HTML when the stream stops, with each destination’s numbers and losses, and announced', async () => {
    expect((await refused(vendor('GetLastStreamReport'))).message).toMatch(/no report yet/);
    const hook = await remote.studio.execute('webhook.upsert', { url: receiver.url, secret: SECRET, events: ['stream.report'] });
    expect(hook.ok).toBe(true);
    await remote.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
    const { destinationId: a } = await vendor<{ destinationId: string }>('CreateDestination', { name: 'Steady <A>', server: `rtmp://127.0.0.1:${steady.port}/live`, key: 'report-a' });
    const { destinationId: b } = await vendor<{ destinationId: string }>('CreateDestination', { name: 'Doomed', server: `rtmp://127.0.0.1:${doomed.port}/live`, key: 'report-b' });

    await remote.obs.call('StartStream');
    for (const id of [a, b]) await expect.poll(() => stateOf(id), { timeout: 60_000, interval: 250 }).toBe('live');
    // A few live seconds, judged by what the destination has sent.
    await expect
      .poll(async () => (await vendor<{ bytesSent: number }>('GetDestinationStatus', { destinationId: a })).bytesSent, { timeout: 30_000, interval: 500 })
      .toBeGreaterThan(150_000);
    doomed.kill();
    await expect.poll(() => stateOf(b), { timeout: 60_000, interval: 250 }).toMatch(/reconnecting|failed/);
    await remote.obs.call('StopStream');
    await expect.poll(async () => (await remote.obs.call('GetStreamStatus')).outputActive, { timeout: 30_000 }).toBe(false);

    const last = await vendor<{ report: StreamReport; path: string; htmlPath: string }>('GetLastStreamReport');
    const report = last.report;
    expect(report).toMatchObject({ version: 1, endState: 'idle', error: null });
    expect(report.durationMs).toBeGreaterThan(1000);
    const steadyRow = report.destinations.find((d) => d.id === a)!;
    const doomedRow = report.destinations.find((d) => d.id === b)!;
    expect(steadyRow.name).toBe('Steady <A>');
    expect(steadyRow.uptimeMs).toBeGreaterThan(1000);
    expect(steadyRow.bytesSent).toBeGreaterThan(150_000);
    expect(steadyRow.averageKbps).toBeGreaterThan(100);
    expect(steadyRow.reconnects).toEqual([]);
    expect(doomedRow.reconnects.length).toBeGreaterThanOrEqual(1);
    expect(doomedRow.reconnects[0]!.atMs).toBeLessThanOrEqual(report.durationMs);
    expect(report.samples.length).toBeGreaterThan(0);
    // Nothing secret: no key, no server URL.
    const text = JSON.stringify(report);
    for (const secret of ['report-a', 'report-b', 'rtmp://']) expect(text).not.toContain(secret);

    // The files beside the recordings say the same.
    expect(path.dirname(last.path)).toBe(path.join(remote.dataDir, 'recordings'));
    expect(JSON.parse(readFileSync(last.path, 'utf8'))).toEqual(report);
    const html = readFileSync(last.htmlPath, 'utf8');
    expect(html).toContain('Steady &#60;A&#62;');
    expect(html).toContain('<svg');

    // The receiver is told where the report is, with a valid signature.
    await expect.poll(() => receiver.received.filter((r) => r.event === 'stream.report').length, { timeout: 30_000 }).toBe(1);
    const told = receiver.received.find((r) => r.event === 'stream.report')!;
    expect(told.valid).toBe(true);
    expect(told.json.data).toEqual({ path: last.path, htmlPath: last.htmlPath, durationMs: report.durationMs });
    await expect.poll(() => listFfmpegChildren(), { timeout: 20_000 }).toEqual([]);
  }, 240_000);
});
