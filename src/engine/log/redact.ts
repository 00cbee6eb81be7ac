/**
 * Hides secrets in text that leaves the engine (log lines, FFmpeg stderr, error messages).
 * Stream keys hide in URLs in several shapes, so this knows those shapes and also replaces any
 * literal secret the caller names (the key as stored, and its URL-encoded form).
 */
export const REDACTED = '***';
/**
 * Literal secrets shorter than this are left to the URL-shape rules: replacing every "k" of a
 * one-letter test key would shred the log without protecting anything real.
 */
export const MIN_LITERAL_SECRET = 4;

// Ends a URL: whitespace, quotes, brackets. A trailing punctuation mark before such an end (FFmpeg
// writes "rtmp://h/app/key: Connection refused") belongs to the prose, not the URL.
const URL_BODY = String.raw`[^\s'"<>()\[\]{}]*?`;
const URL_END = String.raw`(?=[:,;.!?]?(?:[\s'"<>()\[\]{}]|$))`;

/** scheme://user:pass@ — any scheme. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"<>]+@/gi;
/** rtmp(s|t|e…)://authority/app/<everything after the app name>, including a query. */
const RTMP = new RegExp(String.raw`\b(rtmp[a-z]*:\/\/[^\s/'"<>?]+\/[^\s/'"<>?]*)([/?]${URL_BODY})${URL_END}`, 'gi');
/** Sensitive query parameters in any URL, and key=value pairs FFmpeg prints in its own logs. */
const NAMES = String.raw`streamid|passphrase|pass(?:word)?|stream_?key|key|token|secret|auth|sig(?:nature)?|playpath|fname`;
const QUERY_PARAM = new RegExp(String.raw`([?&](?:${NAMES})=)[^&\s'"<>]*`, 'gi');
const LOOSE_PAIR = new RegExp(String.raw`\b((?:streamid|passphrase|stream_?key|playpath|fname)\s*[=:]\s*)(?![*]{3})[^\s&,'"<>]+`, 'gi');

export function redact(text: string, secrets?: Iterable<string>): string {
  let out = text;
  if (secrets) {
    const literal = new Set<string>();
    for (const secret of secrets) {
      if (!secret || secret.length < MIN_LITERAL_SECRET) continue;
      literal.add(secret);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) literal.add(encoded);
    }
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...literal].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(USERINFO, `$1${REDACTED}@`)
    .replace(RTMP, (_m, head: string, rest: string) => `${head}${rest[0]}${REDACTED}`)
    .replace(QUERY_PARAM, `$1${REDACTED}`)
    .replace(LOOSE_PAIR, `$1${REDACTED}`);
}
