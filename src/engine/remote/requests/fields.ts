/**
 * Typed access to requestData, checked the way obs-websocket's Request class checks it, so clients
 * get the same codes and comments: 301 when there is no requestData object and a field is needed,
 * 300 for a missing (or null) field, 401 for a wrong type, 402 out of range, 403 empty. A null
 * value counts as absent, as in OBS (msgpack clients send nil for undefined).
 */
import { Code, fail } from './status';

/** OBS prints limits with std::to_string(double): six decimals. */
const limit = (n: number): string => n.toFixed(6);

export type Data = Record<string, unknown>;

export const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Fields {
  /** Whether the request carried a requestData object at all. */
  readonly hasData: boolean;
  readonly data: Data;

  constructor(raw: unknown) {
    this.hasData = isObject(raw);
    this.data = isObject(raw) ? raw : {};
  }

  /** Present and not null. */
  has(key: string): boolean {
    return Object.hasOwn(this.data, key) && this.data[key] !== null && this.data[key] !== undefined;
  }

  /** OBS's ValidateBasic: requestData exists and holds the field. */
  private present(key: string): void {
    if (!this.hasData) fail(Code.MissingRequestData, 'Your request data is missing or invalid (non-object)');
    if (!this.has(key)) fail(Code.MissingRequestField, `Your request is missing the \`${key}\` field.`);
  }

  /** A field of any type (OBS's ValidateBasic only): present and not null. */
  any(key: string): unknown {
    this.present(key);
    return this.data[key];
  }

  number(key: string, min = -Infinity, max = Infinity): number {
    this.present(key);
    return this.checkNumber(key, min, max);
  }

  /** The number when present; undefined when absent. */
  optNumber(key: string, min = -Infinity, max = Infinity): number | undefined {
    return this.has(key) ? this.checkNumber(key, min, max) : undefined;
  }

  string(key: string, allowEmpty = false): string {
    this.present(key);
    return this.checkString(key, allowEmpty);
  }

  /**
   * A name for something new (a scene, input or filter, or a new name for one): the studio keeps
   * names trimmed, so one of only spaces is refused here with the request's own field named.
   */
  newName(key: string): string {
    const v = this.string(key);
    if (v.trim() === '') fail(Code.RequestFieldEmpty, `The field value of \`${key}\` must not be empty or only spaces.`);
    return v;
  }

  optString(key: string, allowEmpty = false): string | undefined {
    return this.has(key) ? this.checkString(key, allowEmpty) : undefined;
  }

  boolean(key: string): boolean {
    this.present(key);
    return this.checkBoolean(key);
  }

  optBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.checkBoolean(key) : undefined;
  }

  object(key: string, allowEmpty = false): Data {
    this.present(key);
    return this.checkObject(key, allowEmpty);
  }

  optObject(key: string, allowEmpty = false): Data | undefined {
    return this.has(key) ? this.checkObject(key, allowEmpty) : undefined;
  }

  /**
   * A usable non-empty string, or null without failing: for OBS's "name or uuid" lookups, which
   * try one field, fall back to the other, and only then report what is missing.
   */
  tryString(key: string): string | null {
    const v = this.data[key];
    return typeof v === 'string' && v !== '' ? v : null;
  }

  private checkNumber(key: string, min: number, max: number): number {
    const v = this.data[key];
    if (typeof v !== 'number' || Number.isNaN(v)) fail(Code.InvalidRequestFieldType, `The field value of \`${key}\` must be a number.`);
    if (v < min) fail(Code.RequestFieldOutOfRange, `The field value of \`${key}\` is below the minimum of \`${limit(min)}\``);
    if (v > max) fail(Code.RequestFieldOutOfRange, `The field value of \`${key}\` is above the maximum of \`${limit(max)}\``);
    return v;
  }

  private checkString(key: string, allowEmpty: boolean): string {
    const v = this.data[key];
    if (typeof v !== 'string') fail(Code.InvalidRequestFieldType, `The field value of \`${key}\` must be a string.`);
    if (v === '' && !allowEmpty) fail(Code.RequestFieldEmpty, `The field value of \`${key}\` must not be empty.`);
    return v;
  }

  private checkBoolean(key: string): boolean {
    const v = this.data[key];
    if (typeof v !== 'boolean') fail(Code.InvalidRequestFieldType, `The field value of \`${key}\` must be boolean.`);
    return v;
  }

  private checkObject(key: string, allowEmpty: boolean): Data {
    const v = this.data[key];
    if (!isObject(v)) fail(Code.InvalidRequestFieldType, `The field value of \`${key}\` must be an object.`);
    if (Object.keys(v).length === 0 && !allowEmpty) fail(Code.RequestFieldEmpty, `The field value of \`${key}\` must not be empty.`);
    return v;
  }
}
