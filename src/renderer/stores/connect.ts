/** Wires a bridge to the studio mirror. Returns the disposer for every subscription it made. */
import type { StudioBridge } from '../../shared';
import { reduceEvent, withConnection, type StudioStore } from './studio';

/** What the renderer's bridge adds to the shared contract: connection state. */
export interface ConnectionSource {
  onConnection(listener: (connected: boolean, refused?: string) => void): () => void;
}

export type RendererBridge = StudioBridge & ConnectionSource;

export function connectStore(bridge: RendererBridge, store: StudioStore): () => void {
  const offEvents = bridge.subscribe((event) => {
    const prev = store.getState();
    const next = reduceEvent(prev, event);
    if (next !== prev) store.setState(next, true);
  });
  const offConnection = bridge.onConnection((connected, refused) => {
    const prev = store.getState();
    const next = withConnection(prev, connected, refused);
    if (next !== prev) store.setState(next, true);
  });
  return () => {
    offEvents();
    offConnection();
  };
}
