/**
 * Signed, expiring push URLs (issue 12), against real parts: the studio (in-process, driven over
 * obs-websocket) streams through real FFmpeg pushers to nginx-rtmp, whose on_publish asks a loopback
 * verifier that checks the auth_key signature and its expiry the way a CDN does (timestamp + validity
 * period ≥ now, md5 over /app/stream-timestamp-rand-0-privateKey). A valid URL publishes; an expired or
 * wrongly signed one is refused once and fails for good; every connect carries a fresh URL.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { startAuthEndpoint, type AuthEndpoint } from '../harness/auth-endpoint';
import { callVendor, refused, startInProcessRemote, type InProcessRemote, type VendorData } from '../harness/in-process-remote';

const PRIVATE_KEY = 'private-signing-key-7c41e0';
/** The verifier's validity period: the server's half of the expiry rule. */
const VALID_SECONDS = 120;

interface Verdict {
  name: string;
  authKey: string;
  accepted: boolean;
  why: string;
}
const verdicts: Verdict[] = [];

function verify(form: URLSearchParams): boolean {
  const name = form.get('name') ?? '';
  const authKey = form.get('auth_key') ?? '';
  const judge = (accepted: boolean, why: string): boolean => {
    verdicts.push({ name, authKey, accepted, why });
    return accepted;
  };
  const m = /^(\d{10})-([0-9a-f]{32})-0-([0-9a-f]{32})$/.exec(authKey);
  if (!m) return judge(false, 'malformed');
  const [, timestamp, rand, hash] = m;
  if (Number(timestamp) + VALID_SECONDS < Date.now() / 1000) return judge(false, 'expired');
  const expected = createHash('md5').update(`/${form.get('app')}/${name}-${timestamp}-${rand}-0-${PRIVATE_KEY}`).digest('hex');
  return judge(hash === expected, hash === expected ? 'valid' : 'bad signature');
}

let auth: AuthEndpoint;
let nginx: NginxRtmp;
let remote: InProcessRemote;
beforeAll(async () => {
  auth = await startAuthEndpoint([], { verify });
  nginx = await startNginxRtmp({ onPublishPort: auth.port });
  remote = await startInProcessRemote({ prefix: 'signed-urls-', eventSubscriptions: 0, listen: [] });
});
afterAll(async () => {
  await remote?.close();
  await nginx?.stop();
  await auth?.close();
});
afterEach(async () => {
  // A failed test may leave the stream running: stop it first, so the next test starts clean.
  if ((await remote.obs.call('GetStreamStatus')).outputActive) await remote.obs.call('StopStream');
  await expect.poll(() => listFfmpegChildren(), { timeout: 20_000 }).toEqual([]);
});

const vendor = <T = Record<string, unknown>>(requestType: string, requestData: VendorData = {}): Promise<T> => callVendor<T>(remote.obs, requestType, requestData);

const stateOf = async (destinationId: string): Promise<{ state: string; lastError: string | null }> =>
  vendor('GetDestinationStatus', { destinationId });

describe('signed push URLs', () => {
  it('a valid signature publishes, expired and wrong ones fail once, and each connect is signed afresh', async () => {
    const server = `rtmp://127.0.0.1:${nginx.port}/live`;
    await remote.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
    const { destinationId: good } = await vendor<{ destinationId: string }>('CreateDestination', {
      name: 'Signed',
      server,
      key: 'signed-show',
      signing: { scheme: 'auth_key', privateKey: PRIVATE_KEY },
    });
    const { destinationId: expired } = await vendor<{ destinationId: string }>('CreateDestination', {
      name: 'Expired',
      server,
      key: 'expired-show',
      // Stamped an hour ago: past the server's validity period the moment it is made.
      signing: { scheme: 'auth_key', privateKey: PRIVATE_KEY, offsetSeconds: -3600 },
    });
    const { destinationId: forged } = await vendor<{ destinationId: string }>('CreateDestination', {
      name: 'Forged',
      server,
      key: 'forged-show',
      signing: { scheme: 'auth_key', privateKey: 'not-the-servers-key' },
    });

    // The rule shows; the key never does.
    const list = await vendor<{ destinations: Array<Record<string, unknown>> }>('GetDestinationList');
    expect(list.destinations.find((d) => d['destinationId'] === good)).toMatchObject({
      signing: { scheme: 'auth_key', offsetSeconds: 0 },
      hasSigningKey: true,
    });
    expect(JSON.stringify(list)).not.toContain(PRIVATE_KEY);

    await remote.obs.call('StartStream');
    await expect.poll(async () => (await stateOf(good)).state, { timeout: 60_000, interval: 250 }).toBe('live');
    for (const id of [expired, forged]) {
      await expect.poll(async () => (await stateOf(id)).state, { timeout: 60_000, interval: 250 }).toBe('failed');
      expect((await stateOf(id)).lastError).toMatch(/stream key|refused|rejected/i);
    }
    // Refused once each, with no retry loop behind it.
    expect(auth.attempts('expired-show')).toBe(1);
    expect(auth.attempts('forged-show')).toBe(1);
    expect(verdicts.filter((v) => v.name === 'expired-show').map((v) => v.why)).toEqual(['expired']);
    expect(verdicts.filter((v) => v.name === 'forged-show').map((v) => v.why)).toEqual(['bad signature']);

    // What arrives under the plain stream name is the program.
    const probe = await ffprobeJson(nginx.url('signed-show'));
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });

    // A reconnect is a new connect: a new URL, valid again.
    await vendor('ReconnectDestination', { destinationId: good });
    await expect.poll(() => verdicts.filter((v) => v.name === 'signed-show').length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await stateOf(good)).state, { timeout: 60_000, interval: 250 }).toBe('live');
    const signed = verdicts.filter((v) => v.name === 'signed-show');
    expect(signed.every((v) => v.accepted)).toBe(true);
    expect(new Set(signed.map((v) => v.authKey)).size).toBe(signed.length);

    await remote.obs.call('StopStream');
    await expect.poll(async () => (await remote.obs.call('GetStreamStatus')).outputActive, { timeout: 30_000 }).toBe(false);
    await expect.poll(() => listFfmpegChildren(), { timeout: 10_000 }).toEqual([]);
  }, 180_000);

  it('refuses a rule it cannot apply, by field, and removes the rule and its key on null', async () => {
    const srt = await refused(
      vendor('CreateDestination', { server: 'srt://127.0.0.1:9000', signing: { scheme: 'auth_key', privateKey: 'k' } }),
    );
    expect(srt.message).toMatch(/rtmp:\/\/ or rtmps:\/\//);
    const noKey = await refused(vendor('CreateDestination', { server: 'rtmp://127.0.0.1/live', signing: { scheme: 'auth_key' } }));
    expect(noKey.message).toMatch(/privateKey/);
    const scheme = await refused(vendor('CreateDestination', { server: 'rtmp://127.0.0.1/live', signing: { scheme: 'md4', privateKey: 'k' } }));
    expect(scheme.message).toMatch(/scheme/);
    const offset = await refused(
      vendor('CreateDestination', { server: 'rtmp://127.0.0.1/live', signing: { scheme: 'auth_key', privateKey: 'k', offsetSeconds: 10 ** 9 } }),
    );
    expect(offset.message).toMatch(/offsetSeconds/);

    const { destinationId } = await vendor<{ destinationId: string }>('CreateDestination', {
      server: 'rtmp://127.0.0.1/live',
      signing: { scheme: 'hmac_sha256', privateKey: 'k2', offsetSeconds: 30 },
    });
    // Changing the offset keeps the stored key.
    await vendor('SetDestinationSettings', { destinationId, signing: { scheme: 'hmac_sha256', offsetSeconds: 60 } });
    const mine = async () => (await vendor<{ destinations: Array<Record<string, unknown>> }>('GetDestinationList')).destinations.find((d) => d['destinationId'] === destinationId);
    expect(await mine()).toMatchObject({ signing: { scheme: 'hmac_sha256', offsetSeconds: 60 }, hasSigningKey: true });
    await vendor('SetDestinationSettings', { destinationId, signing: null });
    expect(await mine()).toMatchObject({ signing: null, hasSigningKey: false });
  });
});
