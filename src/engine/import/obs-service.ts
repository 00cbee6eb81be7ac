/**
 * An OBS profile's service.json → a destination. OBS writes { type, settings }: rtmp_custom has the
 * server and key as typed; rtmp_common names a platform (settings.service) and its server, which
 * is a URL or, for some platforms, "auto". The key is returned for the secret store only.
 */
import * as z from 'zod';
import { Status, fail, ok, type Result } from '../../shared';
import { parseArgs } from '../document/issues';

const serviceSchema = z.looseObject({
  type: z.enum(['rtmp_custom', 'rtmp_common'], { error: 'type must be rtmp_custom or rtmp_common (other services are not supported)' }),
  settings: z.looseObject({
    server: z.string().default(''),
    key: z.string().default(''),
    service: z.string().optional(),
  }),
});

export interface ObsService {
  name: string;
  server: string;
  key: string;
}

/** Platform names OBS's service list uses, for servers OBS resolves itself ("auto"). */
const AUTO_SERVERS: Record<string, string> = {
  Twitch: 'rtmp://live.twitch.tv/app',
  YouTube: 'rtmps://a.rtmps.youtube.com:443/live2',
  'YouTube - RTMPS': 'rtmps://a.rtmps.youtube.com:443/live2',
};

export function parseObsService(text: string): Result<ObsService> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(Status.InvalidRequestField, 'The file is not valid JSON, so it is not an OBS service.json.');
  }
  const r = parseArgs(serviceSchema, raw);
  // The message names the field only: a zod issue never echoes the value (the key stays unsaid).
  if (!r.ok) return fail(Status.InvalidRequestField, `The file is not an OBS service.json: ${r.error.message}`);
  const { type, settings } = r.value;
  const name = type === 'rtmp_common' ? (settings.service ?? 'OBS service') : 'Custom';
  let server = settings.server.trim();
  if (type === 'rtmp_common' && (server === '' || server === 'auto')) server = AUTO_SERVERS[settings.service ?? ''] ?? '';
  if (!/^(rtmps?|srt):\/\//i.test(server)) {
    return fail(Status.InvalidRequestField, `The service's server ("${server.slice(0, 200)}") is not an rtmp://, rtmps:// or srt:// address the studio can stream to.`);
  }
  return ok({ name, server, key: settings.key });
}
