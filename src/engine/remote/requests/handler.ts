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
