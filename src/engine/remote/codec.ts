/**
 * The two obs-websocket encodings: JSON over text frames and MessagePack over binary frames.
 * Decoding never throws: a frame either becomes a value or a 4002 close order. Nesting is bounded
 * so no later recursive walk (a handler, an encoder) can exhaust the stack on hostile input, and
 * `__proto__` keys are refused in both encodings.
 */
import { Decoder, Encoder } from '@msgpack/msgpack';
import { CloseCode, close, type CloseOrder } from './protocol';

export type Encoding = 'json' | 'msgpack';

export const SUBPROTOCOL: Record<Encoding, string> = {
  json: 'obswebsocket.json',
  msgpack: 'obswebsocket.msgpack',
};

/** Deeper than any real message; deeper input is refused before anything walks it. */
export const MAX_DEPTH = 64;

/**
 * Picks the subprotocol the way OBS does: the first one we know among those offered. No offer means
 * JSON. An offer of only unknown ones yields null (the upgrade is refused).
 */
export function negotiate(offered: readonly string[]): { encoding: Encoding; echo: string | null } | null {
  if (offered.length === 0) return { encoding: 'json', echo: null };
  for (const name of offered) {
    if (name === SUBPROTOCOL.json) return { encoding: 'json', echo: name };
    if (name === SUBPROTOCOL.msgpack) return { encoding: 'msgpack', echo: name };
  }
  return null;
}

/** Splits a Sec-WebSocket-Protocol header into its tokens. */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export type Decoded = { ok: true; value: unknown } | { ok: false; close: CloseOrder };

export function createCodec(maxMessageBytes: number) {
  // Every element takes at least one byte, so no honest header claims more than this.
  const limit = Math.min(maxMessageBytes, 1 << 20);
  const decoder = new Decoder({
    maxStrLength: maxMessageBytes,
    maxBinLength: maxMessageBytes,
    maxExtLength: maxMessageBytes,
    maxArrayLength: limit,
    maxMapLength: limit,
  });
  // undefined fields are left out, as JSON.stringify does, so both encodings carry the same message.
  const encoder = new Encoder({ ignoreUndefined: true });

  function decode(encoding: Encoding, data: Buffer, isBinary: boolean): Decoded {
    let value: unknown;
    if (encoding === 'json') {
      if (isBinary) return fail('Your session encoding is set to Json, but a binary message was received.');
      try {
        value = JSON.parse(data.toString('utf8'));
      } catch (error) {
        return fail(`Unable to decode Json: ${message(error)}`);
      }
    } else {
      if (!isBinary) return fail('Your session encoding is set to MsgPack, but a text message was received.');
      try {
        value = decoder.decode(data);
      } catch (error) {
        return fail(`Unable to decode MsgPack: ${message(error)}`);
      }
    }
    const problem = inspect(value, MAX_DEPTH);
    if (problem) return fail(problem);
    return { ok: true, value };
  }

  /** Throws when the value cannot be encoded (a BigInt in JSON, a cycle): callers catch. */
  function encode(encoding: Encoding, value: unknown): string | Uint8Array {
    if (encoding === 'json') {
      const text = JSON.stringify(value);
      if (text === undefined) throw new Error('the message has no JSON form');
      return text;
    }
    return encoder.encode(value);
  }

  return { decode, encode };
}

export type Codec = ReturnType<typeof createCodec>;

function fail(reason: string): Decoded {
  return { ok: false, close: close(CloseCode.MessageDecodeError, reason) };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What makes a decoded message unacceptable, or null: nesting beyond max, or a `__proto__` key
 * (the MessagePack decoder refuses those, so a JSON client must not be able to plant one that
 * would later be sent to MessagePack clients, who could not decode it). Iterative, so it is
 * itself safe on any depth. Only arrays and plain objects nest.
 */
export function inspect(root: unknown, max: number): string | null {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (Array.isArray(value)) {
      if (depth >= max) return `Your message is nested deeper than ${max} levels.`;
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
    } else if (isPlainObject(value)) {
      if (depth >= max) return `Your message is nested deeper than ${max} levels.`;
      if (Object.hasOwn(value, '__proto__')) return 'Your message contains a `__proto__` key, which is not allowed.';
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}

/** A JSON-style object (not an array, a byte array, a Date or an extension value). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A WebSocket close reason is at most 123 bytes of UTF-8; longer ones would make ws throw. */
export function clipReason(reason: string): string {
  if (Buffer.byteLength(reason, 'utf8') <= 123) return reason;
  let out = '';
  for (const ch of reason) {
    if (Buffer.byteLength(out + ch + '…', 'utf8') > 123) break;
    out += ch;
  }
  return out + '…';
}

/** Short, printable form of a value someone sent, for messages and reasons. */
export function describe(value: unknown, max = 40): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
