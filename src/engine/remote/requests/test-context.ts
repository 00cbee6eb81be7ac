/**
 * For the request handlers' tests: the context one obs-websocket session gives a handler, on a real
 * Studio, subscribed to every event and with no custom-event fan-out.
 */
import type { Studio } from '../../api';
import { EventSubscription, type RequestContext } from '../types';

export function sessionContext(studio: Studio, frameDurationMs = 33): RequestContext {
  return {
    studio,
    session: { id: 'session-1', rpcVersion: 1, eventSubscriptions: EventSubscription.All },
    broadcastCustomEvent: () => {},
    frameDurationMs: () => frameDurationMs,
    sessionStats: () => ({ incomingMessages: 0, outgoingMessages: 0 }),
  };
}
