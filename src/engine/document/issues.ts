/**
 * Turns zod's issues into the one-sentence, field-naming errors the contract promises. Schemas give
 * their own wording where a generic phrase would be vague (URLs, fps); everything else gets a phrase
 * built here from the issue. The input value is never quoted, so a stream key cannot leak.
 */
import type * as z from 'zod';
import { Status, type Result, type StatusCode, type StudioError, ok } from '../../shared';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

const entries = (n: number | bigint) => (Number(n) === 1 ? 'entry' : 'entries');

/** Per-parse error map: answers with a phrase that follows the field name ("must be …"). */
function phrase(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    case 'too_small':
      if (iss.origin === 'string') {
        return Number(iss.minimum) <= 1 ? 'must not be empty' : `must be at least ${iss.minimum} characters long`;
      }
      if (iss.origin === 'array') return `must have at least ${iss.minimum} ${entries(iss.minimum)}`;
      return iss.inclusive ? `must be at least ${iss.minimum}` : `must be greater than ${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'string') return `must be at most ${iss.maximum} characters long`;
      if (iss.origin === 'array') return `must have at most ${iss.maximum} ${entries(iss.maximum)}`;
      return iss.inclusive ? `must be at most ${iss.maximum}` : `must be less than ${iss.maximum}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a field this command takes';
    default:
      return undefined;
  }
}

function codeOf(issue: z.core.$ZodIssue, missing: boolean): StatusCode {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? Status.MissingRequestField : Status.InvalidRequestFieldType;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1 ? Status.FieldEmpty : Status.OutOfRange;
    case 'too_big':
      return Status.OutOfRange;
    default:
      return Status.InvalidRequestField;
  }
}

/** Joins a zod path the way the contract names fields: "transform.scaleX". */
export const fieldOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

export function toStudioError(issue: z.core.$ZodIssue): StudioError {
  const path =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  const field = fieldOf(path);
  const missing = issue.code === 'invalid_type' && issue.message === 'is required';
  const code = codeOf(issue, missing);
  // Schema-level messages are whole sentences; map-level ones are phrases that need a subject.
  const message = /^[A-Z]/.test(issue.message)
    ? issue.message
    : field === ''
      ? `The request arguments ${issue.message}.`
      : `${field} ${issue.message}.`;
  return field === '' ? { code, message } : { code, message, field };
}

/** Parses with our wording; the first issue becomes the error (one clear sentence beats a list). */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): Result<z.output<S>> {
  const r = schema.safeParse(args, { error: phrase });
  if (r.success) return ok(r.data);
  const first = r.error.issues[0];
  if (!first) return { ok: false, error: { code: Status.InvalidRequestField, message: 'The request is invalid.' } };
  return { ok: false, error: toStudioError(first) };
}
