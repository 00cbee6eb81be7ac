/**
 * Remote control: the obs-websocket v5 server, on by default on 127.0.0.1:4455 with a password.
 * The password comes from the host (a flag or STUDIO_WS_PASSWORD), else from the secret store, else
 * it is generated on first run and stored there, so every obs-websocket tool can be pointed at the
 * studio with what Settings shows. A failure to listen (port taken) is reported, never fatal.
 */
import { randomBytes } from 'node:crypto';
import { ok, type Result } from '../shared';
import type { Clock, Logger, RemotePorts, SecretStore, Studio } from './api';
import { startRemoteServer, type RemoteServer } from './remote/server';
import { createRequestRegistry } from './remote/requests/registry';
import { createRemoteEventSource } from './remote/events';

export const REMOTE_PASSWORD_SECRET = 'remote:password';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface RemoteInfo {
  enabled: boolean;
  url: string | null;
  /** Shown to the local user in Settings; never logged. */
  password: string | null;
  /** True when the server listens beyond this machine (an explicit opt-in the UI warns about). */
  exposed: boolean;
  /** Why it is not running, when it is not. */
  problem: string | null;
}

export const REMOTE_OFF: RemoteInfo = { enabled: false, url: null, password: null, exposed: false, problem: 'Remote control is turned off.' };

export interface RemoteControl {
  info(): RemoteInfo;
  dispose(): Promise<void>;
}

export async function startRemoteControl(deps: {
  studio: Studio;
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
  dataDir: string;
  version: string;
  options: RemotePorts;
  /** Every secret handed out here is added, so logs scrub it. */
  knownSecrets: Set<string>;
}): Promise<Result<RemoteControl>> {
  const { options } = deps;
  const bind = options.bind ?? '127.0.0.1';
  const exposed = !LOOPBACK.has(bind);
  if (options.enabled === false) {
    return ok(fixed(REMOTE_OFF));
  }
  const password = options.authRequired === false ? null : await resolvePassword(deps.secrets, options.password);
  if (password) deps.knownSecrets.add(password);
  const events = createRemoteEventSource(deps.studio, deps.clock);
  const started = await startRemoteServer({
    studio: deps.studio,
    registry: createRequestRegistry({ dataDir: deps.dataDir, clock: deps.clock }),
    events,
    logger: deps.logger,
    clock: deps.clock,
    port: options.port ?? 4455,
    bind,
    password,
    allowedOrigins: options.allowedOrigins ?? [],
    tls: options.tls ?? null,
    version: deps.version,
    ...(options.pageDir ? { pageDir: options.pageDir } : {}),
  });
  if (!started.ok) {
    events.dispose();
    const problem = `Remote control (obs-websocket) could not start: ${started.error.message}`;
    deps.logger.log('error', problem);
    return ok(fixed({ enabled: true, url: null, password, exposed, problem }));
  }
  const server: RemoteServer = started.value;
  if (exposed) deps.logger.log('warn', `Remote control listens on ${bind}: other machines on the network can reach it.`);
  deps.logger.log('info', 'remote control listening', { url: server.url, auth: password !== null });
  return ok({
    info: () => ({ enabled: true, url: server.url, password, exposed, problem: null }),
    dispose: async () => {
      await server.close();
      events.dispose();
    },
  });
}

function fixed(info: RemoteInfo): RemoteControl {
  return { info: () => info, dispose: async () => {} };
}

async function resolvePassword(secrets: SecretStore, given: string | null | undefined): Promise<string> {
  if (given) return given;
  const stored = await secrets.get(REMOTE_PASSWORD_SECRET);
  if (stored) return stored;
  // 16 random bytes as base64url: ~128 bits, typeable, no characters clients choke on.
  const generated = randomBytes(16).toString('base64url');
  await secrets.set(REMOTE_PASSWORD_SECRET, generated);
  return generated;
}
