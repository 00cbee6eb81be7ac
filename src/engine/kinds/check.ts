/** Checks one settings value against the property that declares it. */
import { Status, fail, ok, type FontSetting, type Property, type Result } from '../../shared';

const MAX_COLOR = 0xffffffff;
const MAX_FONT_SIZE = 1000;
/** OBS font flags: bold, italic, underline, strikeout. */
const MAX_FONT_FLAGS = 15;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Returns the value to store (a new object for fonts, which merge over `base` so a client may send
 * only the size) or an error naming `field`. Messages use the property's label, which is what the
 * user sees in the generated form.
 */
export function checkProperty(prop: Property, value: unknown, base: unknown, field: string): Result<unknown> {
  const label = prop.label;
  const wrongType = (what: string) => fail(Status.InvalidRequestFieldType, `${label} must be ${what}.`, field);
  switch (prop.type) {
    case 'int':
    case 'float': {
      const whole = prop.type === 'int';
      if (!isFiniteNumber(value)) return wrongType(whole ? 'a whole number' : 'a number');
      if (whole && !isInt(value)) return wrongType('a whole number');
      if (value < prop.min || value > prop.max) {
        return fail(Status.OutOfRange, `${label} must be between ${prop.min} and ${prop.max}.`, field);
      }
      return ok(value);
    }
    case 'bool':
      return typeof value === 'boolean' ? ok(value) : wrongType('true or false');
    case 'text': {
      if (typeof value !== 'string') return wrongType('text');
      if (prop.maxLength !== undefined && value.length > prop.maxLength) {
        return fail(Status.OutOfRange, `${label} must be at most ${prop.maxLength} characters long.`, field);
      }
      return ok(value);
    }
    case 'color':
      if (!isInt(value)) return wrongType('a color (an ABGR number from 0 to 4294967295)');
      if (value < 0 || value > MAX_COLOR) {
        return fail(Status.OutOfRange, `${label} must be a color between 0 and 4294967295 (0xFFFFFFFF).`, field);
      }
      return ok(value);
    case 'path':
      return typeof value === 'string' ? ok(value) : wrongType('a file path');
    case 'font':
      return checkFont(label, value, base, field);
    case 'entries':
      return checkEntries(prop, value, field);
    case 'list': {
      if (prop.options.some((o) => o.value === value)) return ok(value);
      // Device ids are opaque and only the renderer knows which exist; an unplugged one stays chosen, as in OBS.
      if (prop.devices && typeof value === 'string' && value.length > 0 && value.length <= 512) return ok(value);
      const choices = prop.options.map((o) => JSON.stringify(o.value)).join(', ');
      return fail(Status.InvalidRequestField, `${label} must be one of ${choices}.`, field);
    }
  }
}

/** A list of records whose fields are all text; missing fields become '', others are refused by name. */
function checkEntries(prop: Extract<Property, { type: 'entries' }>, value: unknown, field: string): Result<unknown> {
  const shape = `{ ${prop.fields.join(', ')} }`;
  if (!Array.isArray(value)) return fail(Status.InvalidRequestFieldType, `${prop.label} must be a list of ${shape} entries.`, field);
  if (value.length > prop.maxItems) return fail(Status.OutOfRange, `${prop.label} can hold at most ${prop.maxItems} entries.`, field);
  const out: Record<string, string>[] = [];
  for (const [i, entry] of (value as unknown[]).entries()) {
    const at = `${field}[${i}]`;
    if (!isPlainObject(entry)) return fail(Status.InvalidRequestFieldType, `${prop.label} entry ${i + 1} must be an object ${shape}.`, at);
    const unknown = Object.keys(entry).find((k) => !prop.fields.includes(k));
    if (unknown !== undefined) return fail(Status.InvalidRequestField, `${prop.label} entry ${i + 1} has no field "${unknown}"; it takes ${shape}.`, `${at}.${unknown}`);
    const record: Record<string, string> = {};
    for (const k of prop.fields) {
      const v = entry[k] ?? '';
      if (typeof v !== 'string') return fail(Status.InvalidRequestFieldType, `${prop.label} entry ${i + 1}: ${k} must be text.`, `${at}.${k}`);
      if (v.length > prop.maxLength) return fail(Status.OutOfRange, `${prop.label} entry ${i + 1}: ${k} must be at most ${prop.maxLength} characters long.`, `${at}.${k}`);
      record[k] = v;
    }
    out.push(record);
  }
  return ok(out);
}

function checkFont(label: string, value: unknown, base: unknown, field: string): Result<unknown> {
  if (!isPlainObject(value)) {
    return fail(Status.InvalidRequestFieldType, `${label} must be a font object { face, size, style, flags }.`, field);
  }
  const { face, size, style, flags } = value;
  if (face !== undefined && typeof face !== 'string') {
    return fail(Status.InvalidRequestFieldType, `${label} face must be text.`, `${field}.face`);
  }
  if (style !== undefined && typeof style !== 'string') {
    return fail(Status.InvalidRequestFieldType, `${label} style must be text.`, `${field}.style`);
  }
  if (size !== undefined && (!isInt(size) || size < 1 || size > MAX_FONT_SIZE)) {
    return fail(Status.OutOfRange, `${label} size must be a whole number from 1 to ${MAX_FONT_SIZE}.`, `${field}.size`);
  }
  if (flags !== undefined && (!isInt(flags) || flags < 0 || flags > MAX_FONT_FLAGS)) {
    return fail(
      Status.OutOfRange,
      `${label} flags must be a whole number from 0 to ${MAX_FONT_FLAGS} (1 bold, 2 italic, 4 underline, 8 strikeout).`,
      `${field}.flags`,
    );
  }
  // Missing parts come from the font already there (or the kind's default), so the result is whole.
  const from: Partial<FontSetting> = isPlainObject(base) ? (base as Partial<FontSetting>) : {};
  const merged = { ...from, ...value };
  for (const k of ['face', 'size', 'style', 'flags'] as const) {
    if (merged[k] === undefined) {
      return fail(Status.MissingRequestField, `${label} needs a ${k}.`, `${field}.${k}`);
    }
  }
  return ok(merged);
}
