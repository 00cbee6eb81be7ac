/**
 * One identified obs-websocket session, through obs-websocket-js's JSON build (the browser build;
 * imported by its explicit "./json" export so no bundler condition can swap in the msgpack build).
 *
 * The library's promises never settle when the socket closes under them, and it has no timeouts:
 * every call here is raced against the close and a deadline, so nothing in the remote ever hangs.
 */
import OBSWebSocket, {
  EventSubscription,
  type OBSEventTypes,
  type OBSRequestTypes,
  type OBSResponseTypes,
} from 'obs-websocket-js/json';
import { ConnectionLostError, RequestTimeoutError } from './errors';

/** Everything the remote shows, plus meters (a high-volume event, so asked for by name). */
export const SUBSCRIPTIONS = EventSubscription.All | EventSubscription.InputVolumeMeters;

export const VENDOR = 'broadcast-studio';

const TIMEOUT_MS = 15_000;
const DEAD_AFTER_TIMEOUTS = 2;

export interface BatchRequest {
  requestType: string;
  requestData?: Record<string, unknown>;
}

export interface BatchResult {
  requestType: string;
  ok: boolean;
  code: number;
  comment: string | undefined;
  data: Record<string, unknown> | undefined;
}

export interface Session {
  call<T extends keyof OBSRequestTypes>(type: T, data?: OBSRequestTypes[T]): Promise<OBSResponseTypes[T]>;
  /** Runs requests in one round trip, never halting on a failure; one result per request, in order. */
  batch(requests: BatchRequest[]): Promise<BatchResult[]>;
  /** CallVendorRequest to the studio's own extensions; resolves with their responseData. */
  vendor(requestType: string, data?: Record<string, unknown>): Promise<Record<string, unknown>>;
  on<E extends keyof OBSEventTypes>(event: E, listener: (data: OBSEventTypes[E]) => void): () => void;
  /** Whether GetVersion listed this request (true for all when the studio did not say). */
  has(requestType: string): boolean;
}

export interface OpenSession {
  session: Session;
  /** Settles once the socket closed, whoever closed it. */
  closed: Promise<{ code: number; reason: string }>;
  /** Closes deliberately; resolves when the socket is closed. */
  close(): Promise<void>;
}

/** Connects, authenticates, identifies. Rejects with obs-websocket-js's error (close code + reason). */
export async function openSession(url: string, password: string): Promise<OpenSession> {
  const obs = new OBSWebSocket();
  await obs.connect(url, password || undefined, { rpcVersion: 1, eventSubscriptions: SUBSCRIPTIONS });

  let settle: (how: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (settle = resolve));
  obs.once('ConnectionClosed', (e) => settle({ code: e.code, reason: e.message ?? '' }));
  const lost = closed.then(() => Promise.reject(new ConnectionLostError()));
  lost.catch(() => undefined);

  // A socket whose network vanished (a tablet out of Wi-Fi range) may never report a close. The
  // studio answers within milliseconds, so two deadlines in a row mean it is gone: say so now.
  let timeouts = 0;
  const guard = <T>(requestType: string, pending: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (++timeouts >= DEAD_AFTER_TIMEOUTS) {
          settle({ code: 1006, reason: 'The studio stopped answering.' });
          void obs.disconnect().catch(() => undefined);
        }
        reject(new RequestTimeoutError(requestType));
      }, TIMEOUT_MS);
    });
    // Any answer, success or refusal, shows the studio is there.
    const answered = pending.finally(() => {
      timeouts = 0;
    });
    return Promise.race([answered, lost, deadline]).finally(() => clearTimeout(timer));
  };

  const session: Session = {
    call: (type, data) => guard(type, obs.call(type, data)),
    async batch(requests) {
      const results = await guard('a batch', obs.callBatch(requests as never, { haltOnFailure: false }));
      return results.map((r) => ({
        requestType: r.requestType,
        ok: r.requestStatus.result,
        code: r.requestStatus.code,
        comment: r.requestStatus.result ? undefined : r.requestStatus.comment,
        data: r.responseData as Record<string, unknown> | undefined,
      }));
    },
    async vendor(requestType, data = {}) {
      const answer = await guard(
        requestType,
        obs.call('CallVendorRequest', { vendorName: VENDOR, requestType, requestData: data as never }),
      );
      return (answer?.responseData ?? {}) as Record<string, unknown>;
    },
    on(event, listener) {
      obs.on(event, listener as never);
      return () => {
        obs.off(event, listener as never);
      };
    },
    has: () => true,
  };

  // Only what the studio really implements is offered (GetVersion.availableRequests).
  try {
    const version = await guard('GetVersion', obs.call('GetVersion'));
    const available = new Set(version.availableRequests);
    if (available.size > 0) session.has = (requestType) => available.has(requestType);
  } catch {
    // Older or partial servers: assume everything and let each request answer for itself.
  }

  return {
    session,
    closed,
    async close() {
      await obs.disconnect();
    },
  };
}
