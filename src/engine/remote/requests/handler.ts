/** What every category file exports: a table of handlers that see checked fields and the registry's environment. */
import type { Clock } from '../../api';
import type { RequestContext, RequestOutcome } from '../types';
import type { Fields } from './fields';

export interface RequestEnv {
  /** The studio's data folder (recordings, free disk space). */
  dataDir: string;
  clock: Clock;
  /** GetVersion.availableRequests: the registry's own list. */
  availableRequests(): string[];
  /** Percent of all cores this process used since the previous call (GetStats). */
  cpuUsage(): number;
}

export type Handler = (ctx: RequestContext, f: Fields, env: RequestEnv) => Promise<RequestOutcome> | RequestOutcome;

export type HandlerTable = Record<string, Handler>;

const stubs = new WeakSet<Handler>();

/**
 * Marks a handler that can only refuse, because the studio lacks the feature (a replay buffer,
 * hotkeys, filter kinds): it still answers, so a client learns why, but GetVersion does not advertise
 * it. The mark is on the function, so a real handler that later takes the same name is advertised
 * with no other change.
 */
export function stub(handler: Handler): Handler {
  stubs.add(handler);
  return handler;
}

export const isStub = (handler: Handler): boolean => stubs.has(handler);
