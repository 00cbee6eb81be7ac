/**
 * Per-destination control through the studio's vendor requests (vendorName 'broadcast-studio'):
 * the list on connect, states and numbers from the DestinationStateChanged / DestinationStats
 * vendor events, and GetDestinationStatus as a fallback whenever the stats events go quiet.
 */
import { requestMessage } from './errors';
import { mergeDestinations, parseDestinationList, parseDestinationPatches, POLL_DEFERS_MS } from './parse';
import { serial } from './serial';
import { VENDOR, type Session } from './session';
import type { RemoteStore } from './store';

/** DestinationStats arrives every second; after this long without it, ask instead. */
export const STATS_STALE_MS = 2500;
const CHECK_MS = 2000;

export function bindDestinations(session: Session, store: RemoteStore, now: () => number = Date.now): () => void {
  let stopped = false;
  let lastStats = 0;
  // When each destination's state last came from an event: a polled answer that crossed it on the
  // way must not put the old state back.
  const stateEventAt = new Map<string, number>();

  const apply = (raw: unknown, polled = false): boolean => {
    const list = store.getState().destinations;
    if (!list) return false;
    const patches = parseDestinationPatches(raw).map((patch) => {
      if (!polled || now() - (stateEventAt.get(patch.id) ?? -Infinity) >= POLL_DEFERS_MS) return patch;
      const { state: _state, ...rest } = patch;
      return rest;
    });
    const merged = mergeDestinations(list, patches);
    if (merged.list !== list) store.setState({ destinations: merged.list });
    return merged.missing;
  };

  const refreshStatus = serial(async () => {
    const list = store.getState().destinations;
    if (stopped || !list?.length) return;
    const results = await session.batch(
      list.map((d) => ({
        requestType: 'CallVendorRequest',
        requestData: { vendorName: VENDOR, requestType: 'GetDestinationStatus', requestData: { destinationId: d.id } },
      })),
    );
    if (stopped) return;
    results.forEach((r, k) => {
      const id = list[k]?.id;
      // The answer may not repeat the id it was asked about.
      if (r.ok && id) apply({ destinationId: id, ...(r.data?.['responseData'] as Record<string, unknown> | undefined) }, true);
    });
  });

  const load = serial(async () => {
    try {
      const answer = await session.vendor('GetDestinationList');
      if (stopped) return;
      store.setState((s) => ({ destinations: parseDestinationList(answer, s.destinations), destinationsError: null }));
      await refreshStatus();
    } catch (error) {
      if (stopped) return;
      store.setState({
        destinations: null,
        destinationsError: requestMessage(error, 'Listing the destinations'),
      });
    }
  });

  const off = session.on('VendorEvent', (e) => {
    if (e.vendorName !== VENDOR) return;
    if (e.eventType === 'DestinationStats') lastStats = now();
    if (e.eventType === 'DestinationStateChanged') {
      for (const patch of parseDestinationPatches(e.eventData)) stateEventAt.set(patch.id, now());
    }
    if (e.eventType === 'DestinationStateChanged' || e.eventType === 'DestinationStats') {
      // A destination we have not heard of: the list changed, read it again.
      if (apply(e.eventData)) void load();
    } else if (/^Destination(Created|Removed|ListChanged|SettingsChanged)$/.test(e.eventType)) {
      void load();
    }
  });

  const timer = setInterval(() => {
    if (now() - lastStats > STATS_STALE_MS) void refreshStatus();
  }, CHECK_MS);
  void load();
  return () => {
    stopped = true;
    clearInterval(timer);
    off();
  };
}
