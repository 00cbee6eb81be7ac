/**
 * A destination row's signed-URL and audience fields: what they ask the engine for, checked as the
 * engine's destination schema checks them (src/engine/document/schemas.ts), so a refusal shows
 * beside its field. Each part is planned on its own: a wrong audience URL does not hold back a
 * changed name or key.
 */
import { AUDIENCE_KINDS, SIGNING_SCHEMES, type AudienceSource, type CommandArgs, type Destination, type SigningScheme } from '../../../shared';
import { parseNumber } from '../../forms/numbers';

export const SIGN_OFFSET = { min: -86_400, max: 86_400 } as const;
export const SIGN_KEY_MAX = 512;
export const AUDIENCE_URL_MAX = 2048;
export const AUDIENCE_PATH_MAX = 200;

export const SIGNING_LABELS: Record<SigningScheme, string> = {
  auth_key: 'auth_key (CDN type A)',
  hmac_sha256: 'HMAC-SHA256',
};
export const AUDIENCE_LABELS: Record<(typeof AUDIENCE_KINDS)[number], string> = {
  nginx_rtmp: 'nginx-rtmp stat page (XML)',
  srs: 'SRS HTTP API',
  json: 'JSON URL + field path',
};

export interface ExtrasDraft {
  server: string;
  signScheme: string;
  signKey: string;
  signOffset: string;
  audienceKind: string;
  audienceUrl: string;
  audiencePath: string;
}

export type ExtraField = 'signScheme' | 'signKey' | 'signOffset' | 'audienceKind' | 'audienceUrl' | 'audiencePath';

export interface Planned<T> {
  /** undefined: nothing to send (unchanged, or refused); otherwise the value for the upsert. */
  value: T | undefined;
  errors: { field: ExtraField; message: string }[];
}

type SigningArgs = CommandArgs<'destination.upsert'>['signing'];

/** What the signing fields ask for, against the saved rule (undefined for a new destination). */
export function planSigning(d: ExtrasDraft, saved: Destination | undefined): Planned<SigningArgs> {
  const errors: Planned<SigningArgs>['errors'] = [];
  const current = saved?.signing ?? null;
  const scheme = SIGNING_SCHEMES.find((s) => s === d.signScheme);
  if (!scheme) return { value: current ? null : undefined, errors };
  const key = d.signKey;
  const offsetText = d.signOffset.trim();
  const offset = offsetText === '' ? 0 : parseNumber(offsetText, { integer: true, ...SIGN_OFFSET });
  if (!/^rtmps?:\/\//i.test(d.server.trim())) {
    errors.push({ field: 'signScheme', message: 'A signed URL needs an rtmp:// or rtmps:// server: signing rewrites the stream name, which srt:// does not have.' });
  }
  if (key === '' && !current?.hasSigningKey) errors.push({ field: 'signKey', message: 'Enter the private key the server signs with: the URL cannot be signed without it.' });
  else if (key.length > SIGN_KEY_MAX) errors.push({ field: 'signKey', message: `The private key must be at most ${SIGN_KEY_MAX} characters.` });
  else if (/[\s\u0000-\u001f\u007f]/.test(key)) errors.push({ field: 'signKey', message: 'The private key must not contain spaces or control characters.' });
  if (offset === null) errors.push({ field: 'signOffset', message: `Offset must be a whole number of seconds from ${SIGN_OFFSET.min} to ${SIGN_OFFSET.max}.` });
  if (errors.length > 0 || offset === null) return { value: undefined, errors };
  if (current && key === '' && current.scheme === scheme && current.offsetSeconds === offset) return { value: undefined, errors };
  return { value: { scheme, offsetSeconds: offset, ...(key !== '' && { privateKey: key }) }, errors };
}

const httpUrl = (u: string): boolean => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol);

const sameAudience = (a: AudienceSource | null, b: AudienceSource | null): boolean =>
  a?.kind === b?.kind && a?.url === b?.url && (a?.kind === 'json' ? a.path : '') === (b?.kind === 'json' ? b.path : '');

/** What the audience fields ask for, against the saved source. */
export function planAudience(d: ExtrasDraft, saved: Destination | undefined): Planned<AudienceSource | null> {
  const errors: Planned<AudienceSource | null>['errors'] = [];
  const current = saved?.audience ?? null;
  const kind = AUDIENCE_KINDS.find((k) => k === d.audienceKind);
  let next: AudienceSource | null = null;
  if (kind) {
    const url = d.audienceUrl.trim();
    const path = d.audiencePath.trim();
    if (url === '' || url.length > AUDIENCE_URL_MAX || !httpUrl(url)) errors.push({ field: 'audienceUrl', message: 'Audience URL must be an http:// or https:// address.' });
    if (kind === 'json' && (path === '' || path.length > AUDIENCE_PATH_MAX)) {
      errors.push({ field: 'audiencePath', message: `Field path must name the number in the answer (e.g. data.viewers), at most ${AUDIENCE_PATH_MAX} characters.` });
    }
    if (errors.length > 0) return { value: undefined, errors };
    next = kind === 'json' ? { kind, url, path } : { kind, url };
  }
  // A new destination without a source needs nothing sent.
  if (!saved && next === null) return { value: undefined, errors };
  return { value: sameAudience(next, current) ? undefined : next, errors };
}
