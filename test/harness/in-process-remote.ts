/**
 * A real Studio (temp data folder) behind the real obs-websocket transport, with no renderer, and a
 * connected obs-websocket-js client that records the named events in order. For request and event
 * tests that need no picture; close() undoes everything it made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OBSWebSocket, { type OBSEventTypes, type OBSRequestTypes } from 'obs-websocket-js';
import type { Studio } from '../../src/engine/api';
import { createRemoteEventSource } from '../../src/engine/remote/events';
import { createRequestRegistry } from '../../src/engine/remote/requests/registry';
import { startRemoteServer } from '../../src/engine/remote/server';
import { createStudio } from '../../src/engine/studio';
import { memoryLogger, resourcesDir } from './remote-fixture';

export interface InProcessRemote {
  studio: Studio;
  dataDir: string;
  /** The obs-websocket server's address (ws://127.0.0.1:PORT); its HTTP answers on the same port. */
  url: string;
  obs: OBSWebSocket;
  /** The recorded events, oldest first. */
  heard: { type: string; data: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startInProcessRemote(opts: {
  prefix: string;
  eventSubscriptions: number;
  listen: readonly (keyof OBSEventTypes)[];
}): Promise<InProcessRemote> {
  const dataDir = mkdtempSync(path.join(tmpdir(), opts.prefix));
  const logger = memoryLogger();
  const studio = await createStudio({ dataDir, resourcesDir, logger });
  const events = createRemoteEventSource(studio);
  const started = await startRemoteServer({
    studio,
    registry: createRequestRegistry({ dataDir }),
    events,
    logger,
    port: 0,
    bind: '127.0.0.1',
    password: null,
    version: 'test',
  });
  if (!started.ok) throw new Error(started.error.message);
  const server = started.value;
  const obs = new OBSWebSocket();
  const heard: InProcessRemote['heard'] = [];
  await obs.connect(server.url, undefined, { eventSubscriptions: opts.eventSubscriptions });
  for (const type of opts.listen) {
    obs.on(type, (...args: unknown[]) => void heard.push({ type, data: (args[0] ?? {}) as Record<string, unknown> }));
  }
  return {
    studio,
    dataDir,
    url: server.url,
    obs,
    heard,
    async close() {
      await obs.disconnect();
      await server.close();
      events.dispose();
      await studio.dispose();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** The request's error as obs-websocket-js reports it: { code, message }. */
export async function refused(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected the request to fail');
}

/** What a vendor request may carry. */
export type VendorData = NonNullable<OBSRequestTypes['CallVendorRequest']['requestData']>;

/** One of the studio's own requests (CallVendorRequest, vendorName broadcast-studio): its responseData. */
export async function callVendor<T = Record<string, unknown>>(obs: OBSWebSocket, requestType: string, requestData: VendorData = {}): Promise<T> {
  return (await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType, requestData })).responseData as T;
}
