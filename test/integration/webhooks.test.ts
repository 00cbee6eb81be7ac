/**
 * Webhooks through a real engine: createStudio → a real stream (FFmpeg encoder and pushers, black
 * frames from the pump, no renderer needed) to a real nginx-rtmp on loopback, plus a destination
 * that nobody answers. The nginx is killed and restarted mid-show so a destination reconnects.
 * Four loopback HTTP receivers verify every signature and record arrival order: one healthy, one
 * that answers 500 twice first, one that never answers, one that is removed mid-show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../src/shared';
import type { Logger, Studio } from '../../src/engine/api';
import { createStudio } from '../../src/engine/studio';
import { closedPort, startReceiver, type Receiver } from '../../src/engine/webhooks/test-receiver';
import { listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
const W = 320;
const H = 180;

const temps: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let nginx: NginxRtmp;

beforeAll(async () => {
  nginx = await startNginxRtmp();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(listFfmpegChildren(), 'no FFmpeg outlives a test').toEqual([]);
});
afterAll(async () => {
  await nginx?.stop();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  event: StudioEvent;
  at: number;
}

async function studioRig() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'webhooks-studio-'));
  temps.push(dataDir);
  const logs: string[] = [];
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const studio: Studio = await createStudio({ dataDir, resourcesDir: RESOURCES, logger, env: { ...process.env, FFMPEG_PATH: FFMPEG } });
  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    await studio.dispose();
  };
  cleanups.push(dispose);
  const seen: Seen[] = [];
  studio.subscribe((event) => seen.push({ event, at: Date.now() }));
  const must = async <T = unknown>(type: Parameters<Studio['execute']>[0], args: unknown): Promise<T> => {
    const r = await studio.execute(type, args);
    if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
    return r.value as T;
  };
  const until = async (pred: (e: StudioEvent) => boolean, ms: number, what: string): Promise<Seen> => {
    const end = Date.now() + ms;
    for (;;) {
      const hit = seen.find((s) => pred(s.event));
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
      await sleep(50);
    }
  };
  return { studio, seen, logs, must, until, dispose };
}

async function receiver(secret: () => string, answer?: Parameters<typeof startReceiver>[1]): Promise<Receiver> {
  const r = await startReceiver(secret, answer);
  cleanups.push(() => r.close());
  return r;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a receiver should hear, restated from the engine's own events (independently of derive.ts). */
function expectedFrom(seen: Seen[], since = 0): string[] {
  const out: string[] = [];
  let started = false;
  for (const { event: e, at } of seen) {
    if (at < since) continue;
    if (e.type === 'stream.state') {
      if (e.data.state === 'live' && !started) out.push('stream.started');
      if (e.data.state === 'live') started = true;
      if ((e.data.state === 'idle' || e.data.state === 'failed') && started) {
        started = false;
        out.push('stream.stopped');
      }
    }
    if (e.type === 'destination.state' && ['live', 'reconnecting', 'failed'].includes(e.data.state)) out.push(`destination.${e.data.state}:${e.data.name}`);
  }
  return out;
}

/**
 * What a receiver heard of the show, as expectedFrom() names it. The post-stream report
 * (stream.report) comes after the stop, once its files are written, and has its own test
 * (stream-report.test.ts): it is left out, so the count cannot pass 6 before it is read.
 */
const heard = (r: Receiver): string[] =>
  r.received
    .filter((x) => x.event !== 'test' && x.event !== 'stream.report')
    .map((x) => (typeof x.json.data['name'] === 'string' ? `${x.event}:${x.json.data['name']}` : x.event));

/** Each delivery of the show once, in first-arrival order (a retry repeats a delivery id); the report is left out as in heard(). */
const distinct = (r: Receiver): Receiver['received'] =>
  r.received.filter((x, i, all) => x.event !== 'stream.report' && all.findIndex((y) => y.delivery === x.delivery) === i);

describe('webhooks through a real engine and stream', () => {
  it('tells each receiver the show in order, signed, retried, never held up by a dead one, and stops telling a removed one', async () => {
    const t = await studioRig();
    await t.must('video.set', { baseWidth: W, baseHeight: H, outputWidth: W, outputHeight: H, fpsNumerator: 30 });
    await t.must('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 400, keyframeIntervalSec: 1 });
    await t.must('destination.upsert', { name: 'Main', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'webhooks-main' });
    await t.must('destination.upsert', { name: 'Nowhere', server: `rtmp://127.0.0.1:${await closedPort()}/live`, key: 'webhooks-nowhere' });

    // The secret of the first one is generated by the engine and shown once; the others are chosen.
    let goodSecret = '';
    const good = await receiver(() => goodSecret);
    const flaky = await receiver(() => 'flaky-secret-0123456789', (_r, n) => (n <= 2 ? 500 : 204));
    const stuck = await receiver(() => 'stuck-secret-0123456789', () => 'hang');
    const leaving = await receiver(() => 'leaving-secret-012345678');
    const created = await t.must<{ id: string; secret: string | null }>('webhook.upsert', { name: 'Good', url: good.url });
    expect(created.secret).toMatch(/.{16,}/);
    goodSecret = created.secret!;
    expect(JSON.stringify(t.studio.document())).not.toContain(goodSecret);
    await t.must('webhook.upsert', { name: 'Flaky', url: flaky.url, secret: 'flaky-secret-0123456789' });
    await t.must('webhook.upsert', { name: 'Stuck', url: stuck.url, secret: 'stuck-secret-0123456789' });
    const { id: leavingId } = await t.must<{ id: string }>('webhook.upsert', { name: 'Leaving', url: leaving.url, secret: 'leaving-secret-012345678' });

    expect(await t.studio.execute('webhook.test', { id: created.id })).toEqual({ ok: true, value: { status: 204 } });
    expect(good.received[0]).toMatchObject({ event: 'test', valid: true });

    // ---- the show: live; one destination fails; the server dies and comes back; stop.
    await t.must('stream.start', {});
    await t.until((e) => e.type === 'stream.state' && e.data.state === 'live', 30_000, 'stream live');
    await t.until((e) => e.type === 'destination.state' && e.data.name === 'Nowhere' && e.data.state === 'failed', 30_000, 'Nowhere failed');
    await expect.poll(() => leaving.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await t.must('webhook.remove', { id: leavingId });
    const removedAt = Date.now();

    const dead = nginx;
    cleanups.push(() => dead.stop()); // its folder; the process is gone
    dead.kill('SIGKILL');
    const lost = await t.until((e) => e.type === 'destination.state' && e.data.name === 'Main' && e.data.state === 'reconnecting', 20_000, 'Main reconnecting');
    nginx = await startNginxRtmp({ port: nginx.port });
    const isMainLive = (s: Seen): boolean => s.event.type === 'destination.state' && s.event.data.name === 'Main' && s.event.data.state === 'live';
    await expect.poll(() => t.seen.some((s) => isMainLive(s) && s.at > lost.at), { timeout: 60_000 }).toBe(true);
    const liveAgain = t.seen.filter(isMainLive).at(-1)!;
    // Keep the show on for two stats ticks while the stuck receiver holds a request open.
    const statsAfterLive = (): number => t.seen.filter((s) => s.event.type === 'stream.stats' && s.at > liveAgain.at).length;
    await expect.poll(statsAfterLive, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await t.must('stream.stop', {});
    await t.until((e) => e.type === 'stream.state' && e.data.state === 'idle', 10_000, 'stream idle');

    const expected = expectedFrom(t.seen);
    expect(expected.filter((e) => e === 'stream.started')).toHaveLength(1); // not again after the reconnect
    expect(expected).toEqual(expect.arrayContaining(['destination.failed:Nowhere', 'destination.reconnecting:Main', 'stream.stopped']));
    expect(expected.indexOf('destination.reconnecting:Main')).toBeLessThan(expected.lastIndexOf('destination.live:Main'));

    // ---- the healthy receiver: everything, in the order it happened, each signed, each once.
    await expect.poll(() => heard(good).length, { timeout: 20_000 }).toBe(expected.length);
    expect(heard(good)).toEqual(expected);
    expect(good.received.every((r) => r.valid)).toBe(true);
    expect(new Set(good.received.map((r) => r.delivery)).size).toBe(good.received.length);
    const failed = good.received.find((r) => r.event === 'destination.failed')!.json.data;
    expect(failed).toMatchObject({ name: 'Nowhere', error: expect.any(String) });
    expect(Object.keys(failed).sort()).toEqual(['attempt', 'error', 'id', 'name', 'retryInMs']);
    const reconnecting = good.received.find((r) => r.event === 'destination.reconnecting')!.json.data;
    expect(reconnecting).toMatchObject({ name: 'Main', attempt: 1, retryInMs: expect.any(Number) });
    expect(good.received.filter((r) => r.event !== 'stream.report').at(-1)!.json.data).toMatchObject({ state: 'idle', error: null, durationMs: expect.any(Number) });
    // Prompt: each delivery arrived within a few of the engine's once-a-second stats ticks of the
    // event it tells of — well inside the stuck receiver's 10 s timeout, so nothing waited on it.
    // Counted in engine ticks, not wall-clock ms, which a loaded machine stretches.
    const engineAt = t.seen.filter((s) => expectedFrom([s]).length > 0 || s.event.type === 'stream.state').map((s) => s.at);
    const ticks = t.seen.filter((s) => s.event.type === 'stream.stats').map((s) => s.at);
    const ticksBetween = (from: number, to: number): number => ticks.filter((at) => at > from && at <= to).length;
    expect(good.received.filter((r) => r.event !== 'test').every((r) => engineAt.some((at) => r.at >= at && ticksBetween(at, r.at) < 5))).toBe(true);

    // ---- the flaky receiver: 500 twice, then the same delivery again; nothing overtook it.
    await expect.poll(() => distinct(flaky).length, { timeout: 30_000 }).toBe(expected.length);
    const first = expected[0]!.split(':')[0]; // Nowhere may fail before Main is live, or after
    expect(flaky.received.slice(0, 3).map((r) => [r.event, r.attempt])).toEqual([
      [first, 1],
      [first, 2],
      [first, 3],
    ]);
    expect(new Set(flaky.received.slice(0, 3).map((r) => r.delivery)).size).toBe(1);
    expect(new Set(flaky.received.slice(0, 3).map((r) => r.body)).size).toBe(1);
    expect(distinct(flaky).map((r) => (typeof r.json.data['name'] === 'string' ? `${r.event}:${r.json.data['name']}` : r.event))).toEqual(expected);
    expect(flaky.received.every((r) => r.valid)).toBe(true);

    // ---- the stuck receiver: only ever its first delivery (retried after timeouts); it held up no one.
    expect(stuck.received.length).toBeGreaterThan(0);
    expect(new Set(stuck.received.map((r) => r.delivery)).size).toBe(1);
    expect(stuck.received[0]!.event).toBe(first);
    // The engine's own events kept flowing meanwhile: a stats event for every second of encoded
    // video (30 frames), none missing near the 10 s timeout — judged in frames, not wall time.
    const stats = t.seen.flatMap((s) => (s.event.type === 'stream.stats' && s.at > liveAgain.at ? [s.event.data.stats.framesEncoded] : []));
    expect(stats.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < stats.length; i++) expect(stats[i]! - stats[i - 1]!, 'frames encoded between two stats events').toBeLessThan(5 * 30);

    // ---- the removed one: nothing that happened after it was removed.
    // (A delivery already on the wire when it was removed may still land; nothing newer does.)
    expect(leaving.received.every((r) => Date.parse(r.json.timestamp) <= removedAt)).toBe(true);
    expect(heard(leaving)).toEqual(expected.slice(0, leaving.received.length));
    expect(heard(leaving)).not.toContain('destination.reconnecting:Main');
    expect(leaving.received.every((r) => r.valid)).toBe(true);

    // ---- dispose aborts the request held open; secrets and signatures never reached the logs.
    // Between a timeout and its retry nothing is open; wait for the next attempt to hang again.
    await expect.poll(() => stuck.openHung(), { timeout: 15_000 }).toBe(1);
    const closedBefore = stuck.closedHung();
    await t.dispose();
    await expect.poll(() => stuck.closedHung(), { timeout: 5000 }).toBe(closedBefore + 1);
    expect(stuck.openHung()).toBe(0);
    const logs = t.logs.join('\n');
    for (const secret of [goodSecret, 'flaky-secret-0123456789', 'stuck-secret-0123456789', 'leaving-secret-012345678']) expect(logs).not.toContain(secret);
    for (const r of [...good.received, ...flaky.received, ...stuck.received]) expect(logs).not.toContain(String(r.headers['x-studio-signature']).slice(7));
    expect(logs).toContain('webhook delivery failed; retrying');
  });
});
