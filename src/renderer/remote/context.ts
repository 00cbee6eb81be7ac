/** How components reach the remote's store, connection, actions and thumbnailer: one context. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from './actions';
import type { Connection } from './connection';
import type { RemoteState, RemoteStore } from './store';
import type { Thumbnailer } from './thumbnails';

export interface RemoteServices {
  store: RemoteStore;
  connection: Connection;
  actions: Actions;
  thumbnails: Thumbnailer;
  /** Where "remember on this device" keeps the password (sessionStorage), or null. */
  storage: Storage | null;
}

export const RemoteContext = createContext<RemoteServices | null>(null);

export function useServices(): RemoteServices {
  const services = useContext(RemoteContext);
  if (!services) throw new Error('RemoteContext is missing: render inside <RemoteContext value={…}>.');
  return services;
}

/** Selectors must return stable values (fields, not fresh objects) or React re-renders forever. */
export function useRemote<T>(selector: (s: RemoteState) => T): T {
  return useStore(useServices().store, selector);
}

export function useActions(): Actions {
  return useServices().actions;
}

export function useConnected(): boolean {
  return useRemote((s) => s.connection.phase === 'connected');
}
