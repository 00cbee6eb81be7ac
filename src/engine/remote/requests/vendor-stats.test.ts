/**
 * The stats vendor requests (GetDiagnosis, GetBandwidthBudget, GetStatsHistory) against scripted
 * stats.* answers: each one reaches the right command and comes back in the vendor API's shape.
 * registry.test.ts asks the real engine.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Status, fail, ok, type BandwidthBudget, type Diagnosis, type Result, type StatsSample } from '../../../shared';
import type { Studio } from '../../api';
import { EventSubscription, VENDOR_NAME, type RequestContext, type RequestOutcome } from '../types';
import { createRequestRegistry } from './registry';

const DIAGNOSIS: Diagnosis = {
  severity: 'warning',
  where: 'destination',
  destinationId: 'd2',
  destinationName: 'YouTube',
  message: 'YouTube is dropping frames: its connection cannot keep up.',
};

const BUDGET: BandwidthBudget = {
  requiredKbps: 9800,
  uplinkKbps: 8000,
  fits: false,
  perDestination: [
    { id: 'd1', name: 'Twitch', kbps: 6300 },
    { id: 'd2', name: 'YouTube', kbps: 3500 },
  ],
  message: 'The destinations need 9800 kbps; the uplink has 8000.',
};

const SAMPLE: StatsSample = {
  t: 1_764_000_000_000,
  state: 'live',
  fps: 30,
  bitrateKbps: 6000,
  renderMs: 4.2,
  encoderSpeed: 1.01,
  cpuPercent: 37,
  lagged: 2,
  skipped: 1,
  dropped: 0,
  destinations: [{ id: 'd1', name: 'Twitch', state: 'live', bitrateKbps: 6000, congestion: 0.05, dropped: 3 }],
};

let answers: Record<string, Result<unknown>>;
let sent: string[];
let ctx: RequestContext;
const registry = createRequestRegistry({ dataDir: '/tmp/unused' });

beforeEach(() => {
  sent = [];
  answers = {
    'stats.diagnosis': ok(DIAGNOSIS),
    'stats.budget': ok(BUDGET),
    'stats.history': ok({ samples: [SAMPLE, { ...SAMPLE, t: SAMPLE.t + 1000, destinations: [] }] }),
  };
  const studio = {
    execute: async (type: string) => {
      sent.push(type);
      return answers[type] ?? fail(Status.RequestProcessingFailed, `unexpected ${type}`);
    },
  } as unknown as Studio;
  ctx = {
    studio,
    session: { id: 's', rpcVersion: 1, eventSubscriptions: EventSubscription.All },
    broadcastCustomEvent: () => {},
    frameDurationMs: () => 1000 / 30,
    sessionStats: () => ({ incomingMessages: 0, outgoingMessages: 0 }),
  };
});

const vendor = (requestType: string): Promise<RequestOutcome> =>
  Promise.resolve(registry.get('CallVendorRequest')!(ctx, { vendorName: VENDOR_NAME, requestType }));

async function responseData(requestType: string): Promise<unknown> {
  const out = await vendor(requestType);
  expect(out.requestStatus, `${requestType}: ${out.requestStatus.comment}`).toEqual({ result: true, code: 100 });
  expect(out.responseData).toMatchObject({ vendorName: VENDOR_NAME, requestType });
  return out.responseData!['responseData'];
}

describe('vendor: stats', () => {
  it('GetDiagnosis answers the diagnosis as it is', async () => {
    expect(await responseData('GetDiagnosis')).toEqual(DIAGNOSIS);
    expect(sent).toEqual(['stats.diagnosis']);
  });

  it('GetBandwidthBudget names each destination by destinationId', async () => {
    expect(await responseData('GetBandwidthBudget')).toEqual({
      requiredKbps: 9800,
      uplinkKbps: 8000,
      fits: false,
      perDestination: [
        { destinationId: 'd1', name: 'Twitch', kbps: 6300 },
        { destinationId: 'd2', name: 'YouTube', kbps: 3500 },
      ],
      message: 'The destinations need 9800 kbps; the uplink has 8000.',
    });
    expect(sent).toEqual(['stats.budget']);
  });

  it('GetStatsHistory keeps the order and uses the DestinationStats names per destination', async () => {
    const { samples } = (await responseData('GetStatsHistory')) as { samples: Record<string, unknown>[] };
    expect(samples.map((s) => s['t'])).toEqual([SAMPLE.t, SAMPLE.t + 1000]);
    expect(samples[0]).toEqual({
      t: SAMPLE.t, state: 'live', fps: 30, bitrateKbps: 6000, renderMs: 4.2, encoderSpeed: 1.01, cpuPercent: 37,
      lagged: 2, skipped: 1, dropped: 0,
      destinations: [{ destinationId: 'd1', name: 'Twitch', state: 'live', bitrateKbps: 6000, congestion: 0.05, droppedFrames: 3, viewers: null }],
    });
    expect(sent).toEqual(['stats.history']);
  });

  it('only the contract fields go out, and an engine failure comes back as the request status', async () => {
    answers['stats.diagnosis'] = ok({ ...DIAGNOSIS, internal: 'not for clients' });
    expect(await responseData('GetDiagnosis')).toEqual(DIAGNOSIS);
    answers['stats.history'] = fail(Status.NotReady, 'The stats monitor is not running.');
    const out = await vendor('GetStatsHistory');
    expect(out.requestStatus).toEqual({ result: false, code: 207, comment: 'The stats monitor is not running.' });
  });
});
