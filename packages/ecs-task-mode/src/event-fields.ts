/**
 * Typed reads of untrusted JSON: each reader returns the value or throws a FieldError naming
 * the field and what was wrong, which the event parser turns into an `unknown` result.
 */

/** A JSON object as parsed: any keys, values not yet trusted. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** A field that is missing or of the wrong type; `message` names its path. */
export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `name` of `record` (never one inherited from Object.prototype). */
function own(record: JsonRecord, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** A non-empty string field. @throws FieldError when missing, empty or not a string. */
export function readString(record: JsonRecord, name: string, path: string): string {
  const value = own(record, name);
  if (typeof value !== 'string' || value === '') throw new FieldError(`${path}${name} is ${describe(value)}; expected a non-empty string`);
  return value;
}

/** A string field that may be absent (or null, or empty). @throws FieldError when of another type. */
export function readOptionalString(record: JsonRecord, name: string, path: string): string | undefined {
  const value = own(record, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new FieldError(`${path}${name} is ${describe(value)}; expected a string`);
  return value;
}

/** A whole-number field that may be absent (or null). @throws FieldError when of another type. */
export function readOptionalInteger(record: JsonRecord, name: string, path: string): number | undefined {
  const value = own(record, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new FieldError(`${path}${name} is ${describe(value)}; expected a whole number`);
  return value;
}

/**
 * A time that may be absent (or null): an ISO-8601 string (ECS events) or epoch milliseconds
 * (Batch events). @returns ms since the Unix epoch. @throws FieldError when it is neither.
 */
export function readOptionalTimeMs(record: JsonRecord, name: string, path: string): number | undefined {
  const value = own(record, name);
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : Number.NaN;
  // new Date() accepts ±8.64e15 ms; anything outside is no time at all.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new FieldError(`${path}${name} is ${describe(value)}; expected an ISO-8601 time or epoch milliseconds`);
  return ms;
}

/** An object field. @throws FieldError when missing or not an object. */
export function readRecord(record: JsonRecord, name: string, path: string): JsonRecord {
  const value = own(record, name);
  if (!isRecord(value)) throw new FieldError(`${path}${name} is ${describe(value)}; expected an object`);
  return value;
}

/** An array field; `missing` is returned when it is absent (or null). @throws FieldError when of another type. */
export function readArray(record: JsonRecord, name: string, path: string, missing?: readonly unknown[]): readonly unknown[] {
  const value = own(record, name);
  if ((value === undefined || value === null) && missing !== undefined) return missing;
  if (!Array.isArray(value)) throw new FieldError(`${path}${name} is ${describe(value)}; expected an array`);
  return value;
}

/** A short, one-line description of a value for messages: never the whole value. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value === '' ? 'empty' : `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
