/**
 * createRequestRegistry(): every obs-websocket request the studio answers, one table per OBS
 * category. `list()` is what GetVersion advertises: only requests that really work, so handlers
 * marked stub() (they can only refuse) are left out. A few
 * placeholders (pausing a recording, captions, adding an existing source to a scene) are answerable,
 * so a client gets a clear comment instead of 204, but are not advertised.
 */
import os from 'node:os';
import type { Clock } from '../../api';
import { systemClock } from '../../clock';
import type { RequestHandler, RequestRegistry } from '../types';
import { configRequests } from './config';
import { Fields } from './fields';
import { filterRequests } from './filters';
import { generalRequests } from './general';
import { isStub, type HandlerTable, type RequestEnv } from './handler';
import { inputRequests } from './inputs';
import { mediaInputRequests } from './media-inputs';
import { inputPropertyRequests } from './input-properties';
import { outputRequests } from './outputs';
import { persistentDataRequests } from './persistent-data';
import { profileParameterRequests } from './profile-parameters';
import { recordPausePlaceholders, recordRequests } from './record';
import { sceneItemRequests } from './scene-items';
import { sceneRequests } from './scenes';
import { sourceRequests } from './sources';
import { Code, RequestError, failure } from './status';
import { streamPlaceholders, streamRequests } from './stream';
import { transitionRequests } from './transitions';
import { uiRequests } from './ui';

export interface RegistryOptions {
  /** The studio's data folder; process.cwd() when not given. */
  dataDir?: string;
  clock?: Clock;
}

export function createRequestRegistry(options: RegistryOptions = {}): RequestRegistry {
  const implemented: HandlerTable = {
    ...generalRequests,
    ...configRequests,
    ...profileParameterRequests,
    ...persistentDataRequests,
    ...sceneRequests,
    ...inputRequests,
    ...transitionRequests,
    ...filterRequests,
    ...sceneItemRequests,
    ...outputRequests,
    ...streamRequests,
    ...recordRequests,
    ...mediaInputRequests,
    ...inputPropertyRequests,
    ...sourceRequests,
    ...uiRequests,
  };
  const placeholders: HandlerTable = { ...recordPausePlaceholders, ...streamPlaceholders };
  // Stubs answer but are not advertised (see stub() in handler.ts).
  const names = Object.entries(implemented)
    .filter(([, handler]) => !isStub(handler))
    .map(([name]) => name);

  const env: RequestEnv = {
    dataDir: options.dataDir ?? process.cwd(),
    clock: options.clock ?? systemClock,
    availableRequests: () => [...names],
    cpuUsage: cpuMeter(),
  };

  const wrapped = new Map<string, RequestHandler>();
  for (const [name, handler] of Object.entries({ ...placeholders, ...implemented })) {
    wrapped.set(name, async (ctx, requestData) => {
      try {
        return await handler(ctx, new Fields(requestData), env);
      } catch (error) {
        if (error instanceof RequestError) return failure(error.code, error.comment);
        // A bug must cost one request, never the session: answer it and say what broke.
        const why = error instanceof Error ? error.message : String(error);
        return failure(Code.RequestProcessingFailed, `The studio could not process ${name}: ${why}`);
      }
    });
  }

  return {
    get: (requestType) => wrapped.get(requestType),
    list: () => [...names],
  };
}

/** process.cpuUsage() deltas over wall time and cores, as a percent like OBS's cpuUsage. */
function cpuMeter(): () => number {
  let last = { cpu: process.cpuUsage(), at: process.hrtime.bigint() };
  const cores = Math.max(1, os.availableParallelism());
  // The first reading covers the whole life of the process.
  let first = true;
  return () => {
    const now = { cpu: process.cpuUsage(), at: process.hrtime.bigint() };
    const usedUs = first ? now.cpu.user + now.cpu.system : now.cpu.user - last.cpu.user + (now.cpu.system - last.cpu.system);
    const wallUs = first ? process.uptime() * 1e6 : Number(now.at - last.at) / 1000;
    first = false;
    last = now;
    return wallUs > 0 ? (100 * usedUs) / (wallUs * cores) : 0;
  };
}
