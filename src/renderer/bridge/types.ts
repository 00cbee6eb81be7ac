import type { StudioBridge } from '../../shared';

/** The bridge the UI and compositor get: the contract plus connection state and an owner's dispose. */
export interface ClientBridge extends StudioBridge {
  /**
   * Called at once with the current state, then on every change. Desktop: always true. `refused`
   * says why the engine will not take this page at all (server mode without this run's secret);
   * the bridge then stops trying.
   */
  onConnection(listener: (connected: boolean, refused?: string) => void): () => void;
  readonly connected: boolean;
  /** Closes the socket, stops reconnecting and settles every pending call. */
  dispose(): void;
}

export const NOT_CONNECTED = 'Not connected to the studio engine.';
