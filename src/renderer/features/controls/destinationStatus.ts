/**
 * Each destination's live state as the engine last reported it (destination.state on every change,
 * destination.stats once a second while streaming), for the destination editor's badges, buttons,
 * errors and bitrates. The studio mirror (stores/studio.ts) does not keep these yet, so this keeps
 * its own small store per bridge, fed by one subscription that ControlsDock (always mounted) owns.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DestinationState, StudioEvent } from '../../../shared';
import { useServices } from '../../stores/context';

export interface DestinationStatus {
  state: DestinationState;
  /** Why it last failed or was lost; null once it is live again. */
  error: string | null;
  bitrateKbps: number;
  /** While reconnecting: the retry number and how long the wait was. */
  attempt: number;
  retryInMs: number | null;
  dropped: number;
  reconnects: number;
  /** The receiving server's audience count; null: it cannot say. */
  viewers: number | null;
}

export type StatusById = Readonly<Record<string, DestinationStatus>>;

const EMPTY: DestinationStatus = { state: 'idle', error: null, bitrateKbps: 0, attempt: 0, retryInMs: null, dropped: 0, reconnects: 0, viewers: null };

/** The statuses after one engine event. Pure: returns the same object when nothing changes. */
export function reduceDestinationStatus(byId: StatusById, event: StudioEvent): StatusById {
  if (event.type === 'destination.state') {
    const { id, state, error, attempt, retryInMs } = event.data;
    const cur = byId[id] ?? EMPTY;
    // A failure or loss says why; going live clears it; other moves keep the last reason visible.
    const nextError = error ? error.message : state === 'live' ? null : cur.error;
    return {
      ...byId,
      [id]: { ...cur, state, error: nextError, attempt, retryInMs: retryInMs ?? null, bitrateKbps: state === 'live' ? cur.bitrateKbps : 0 },
    };
  }
  if (event.type === 'destination.stats') {
    const next: Record<string, DestinationStatus> = { ...byId };
    for (const s of event.data.stats) {
      const cur = byId[s.id] ?? EMPTY;
      next[s.id] = { ...cur, state: s.state, bitrateKbps: s.bitrateKbps, dropped: s.dropped, reconnects: s.reconnects, viewers: s.viewers, error: s.lastError ?? cur.error };
    }
    return next;
  }
  return byId;
}

const stores = new WeakMap<object, StoreApi<StatusById>>();

function storeFor(bridge: object): StoreApi<StatusById> {
  let store = stores.get(bridge);
  if (!store) {
    store = createStore<StatusById>()(() => ({}));
    stores.set(bridge, store);
  }
  return store;
}

/** Keeps the statuses up to date while the calling component is mounted. */
export function useDestinationStatusFeed(): void {
  const { bridge } = useServices();
  useEffect(() => {
    const store = storeFor(bridge);
    return bridge.subscribe((event) => {
      const prev = store.getState();
      const next = reduceDestinationStatus(prev, event);
      if (next !== prev) store.setState(next, true);
    });
  }, [bridge]);
}

/** One destination's status; idle when the engine has said nothing about it. */
export function useDestinationStatus(id: string | null): DestinationStatus {
  const { bridge } = useServices();
  return useStore(storeFor(bridge), (s) => (id ? s[id] : undefined) ?? EMPTY);
}
