/**
 * IPC channel names shared with src/main/channels.ts (the layering keeps main and preload
 * apart, so each side declares them; keep the two files identical).
 */
export const Channel = {
  invoke: 'studio:invoke',
  subscribe: 'studio:subscribe',
  event: 'studio:event',
  frame: 'studio:frame',
  ack: 'studio:ack',
  stats: 'studio:stats',
} as const;
