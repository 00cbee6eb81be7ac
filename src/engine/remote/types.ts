/**
 * The seam between the obs-websocket v5 transport (server.ts: sockets, codecs, auth, sessions,
 * batches, subscriptions) and what the requests and events mean (requests/*, events.ts). Both sides
 * program against these types only.
 */
import type { Disposable, Studio } from '../api';

/** obs-websocket RequestStatus: result true only with code 100. */
export interface RequestStatus {
  result: boolean;
  code: number;
  comment?: string;
}

export interface RequestOutcome {
  requestStatus: RequestStatus;
  responseData?: Record<string, unknown>;
}

export interface RemoteSession {
  readonly id: string;
  readonly rpcVersion: number;
  /** Event subscription bitmask the client asked for (obs-websocket EventSubscription). */
  readonly eventSubscriptions: number;
}

export interface RequestContext {
  studio: Studio;
  session: RemoteSession;
  /** BroadcastCustomEvent: sends a CustomEvent to every identified session subscribed to General. */
  broadcastCustomEvent(eventData: Record<string, unknown>): void;
  /** Sleep inside a SerialFrame batch counts frames; the transport supplies the canvas rate. */
  frameDurationMs(): number;
  /** The batch execution type the request runs under (Sleep needs it); absent outside a batch. */
  executionType?: number;
  /** Sessions and counters for GetStats. */
  sessionStats(): { incomingMessages: number; outgoingMessages: number };
}

export type RequestHandler = (
  ctx: RequestContext,
  requestData: Record<string, unknown> | undefined,
) => Promise<RequestOutcome> | RequestOutcome;

export interface RequestRegistry {
  get(requestType: string): RequestHandler | undefined;
  /** For GetVersion.availableRequests: only what is really implemented. */
  list(): string[];
}

/** One obs-websocket event, ready to send. */
export interface RemoteEvent {
  eventType: string;
  /** The EventSubscription bit this event belongs to (e.g. 4 for Scenes, 65536 InputVolumeMeters). */
  eventIntent: number;
  eventData?: Record<string, unknown>;
}

/** Turns studio events (and timers, for high-volume events) into obs-websocket events. */
export interface RemoteEventSource {
  subscribe(listener: (event: RemoteEvent) => void): Disposable;
  dispose(): void;
}

export const EventSubscription = {
  None: 0,
  General: 1 << 0,
  Config: 1 << 1,
  Scenes: 1 << 2,
  Inputs: 1 << 3,
  Transitions: 1 << 4,
  Filters: 1 << 5,
  Outputs: 1 << 6,
  SceneItems: 1 << 7,
  MediaInputs: 1 << 8,
  Vendors: 1 << 9,
  Ui: 1 << 10,
  All: (1 << 11) - 1,
  InputVolumeMeters: 1 << 16,
  InputActiveStateChanged: 1 << 17,
  InputShowStateChanged: 1 << 18,
  SceneItemTransformChanged: 1 << 19,
} as const;

/** The vendorName of our own requests and events (CallVendorRequest / VendorEvent). */
export const VENDOR_NAME = 'broadcast-studio';
