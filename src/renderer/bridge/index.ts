/**
 * The renderer's one way to the engine: the desktop preload's window.studio when present, otherwise
 * the server-mode WebSocket.
 */
import type { StudioBridge } from '../../shared';
import { desktopBridge } from './desktop';
import { socketBridge } from './socket';
import type { ClientBridge } from './types';

export type { ClientBridge } from './types';
export { NOT_CONNECTED } from './types';
export { socketBridge, socketUrl } from './socket';

export function createBridge(): ClientBridge {
  const studio = (globalThis as { studio?: StudioBridge }).studio;
  return studio ? desktopBridge(studio) : socketBridge();
}
