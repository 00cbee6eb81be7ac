/**
 * JSON-lines logger. Every line goes through redact() before it is written anywhere, with the
 * secrets known at that moment (the callback is asked per line, so keys stored later are covered).
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { LogLevel, Logger } from '../api';
import { REDACTED, redact } from './redact';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Field names whose values are secrets whatever they contain. */
const SECRET_FIELD = /^(?:key|stream_?key|password|passphrase|secret|token|authorization)$/i;

export interface LoggerOptions {
  /** Append JSON lines here (parent folders are created). */
  file?: string;
  /** Lowest level written; default 'info'. */
  level?: LogLevel;
  secrets?: () => Iterable<string>;
  /** Also write each line to stderr. Default: true when there is no file. */
  echo?: boolean;
}

export type DisposableLogger = Logger & { dispose(): Promise<void> };

export function createLogger(opts: LoggerOptions = {}): DisposableLogger {
  const min = RANK[opts.level ?? 'info'];
  const echo = opts.echo ?? !opts.file;
  let out: WriteStream | null = null;
  let broken = false;
  let disposed = false;
  if (opts.file) {
    try {
      mkdirSync(path.dirname(opts.file), { recursive: true });
      out = createWriteStream(opts.file, { flags: 'a' });
      out.on('error', (error) => {
        // A full disk or a removed folder must not take the engine down; say so once on stderr.
        if (!broken) process.stderr.write(`log file ${opts.file} is unusable: ${error.message}\n`);
        broken = true;
      });
    } catch (error) {
      broken = true;
      process.stderr.write(`log file ${opts.file} is unusable: ${String(error)}\n`);
    }
  }

  function line(level: LogLevel, message: string, fields?: Record<string, unknown>): string {
    let secrets: string[] = [];
    try {
      secrets = opts.secrets ? [...opts.secrets()] : [];
    } catch {
      // A failing secrets callback must not stop logging; pattern-based redaction still applies.
    }
    const scrub = (s: string): string => redact(s, secrets);
    const seen = new WeakSet<object>();
    const body = { time: new Date().toISOString(), level, msg: message, ...fields };
    const json = JSON.stringify(body, function (this: unknown, key: string, value: unknown) {
      if (key && SECRET_FIELD.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
      if (typeof value === 'string') return scrub(value);
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
      }
      return value;
    });
    // Once more over the whole line: a secret may have been split across JSON escaping of a key.
    return scrub(json);
  }

  return {
    log(level, message, fields) {
      if (disposed || RANK[level] < min) return;
      let text: string;
      try {
        text = line(level, message, fields);
      } catch (error) {
        text = line(level, message, { unserializable: String(error) });
      }
      if (out && !broken) out.write(`${text}\n`);
      if (echo) process.stderr.write(`${text}\n`);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const stream = out;
      out = null;
      if (!stream || broken) {
        stream?.destroy();
        return;
      }
      await new Promise<void>((resolve) => {
        stream.once('error', () => resolve());
        stream.end(() => resolve());
      });
    },
  };
}
