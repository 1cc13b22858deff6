/**
 * Typed reads of untrusted option values (a config file is JSON of unknown shape). Each reader
 * returns the value or throws one INVALID_OPTION error naming the option's path, the value and
 * what is allowed.
 */
import type { IntrinsicFunction } from './cloudform.js';
import { isIntrinsic, toValue } from './intrinsic.js';
import { TemplateError, invalidOption, templateErrorCodes } from './template-error.js';

/** A plain object (not an array, not null). */
export type PlainObject = Readonly<Record<string, unknown>>;

/** True when `value` is a plain object. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an object whose keys must all be in `known`. */
export function readObject(path: string, value: unknown, known: readonly string[]): PlainObject {
  if (!isPlainObject(value) || isIntrinsic(value)) throw invalidOption(path === '' ? 'options' : path, value, `an object with any of: ${known.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const option = path === '' ? key : `${path}.${key}`;
      const guess = closestName(key, known);
      const hint = guess === undefined ? '' : ` (did you mean ${guess}?)`;
      throw new TemplateError(templateErrorCodes.INVALID_OPTION, `${option}: unknown option${hint}; the options here are: ${known.join(', ')}`, { option });
    }
  }
  return value;
}

/** The known name within two edits of `name` (a typo), if there is one. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const current = [i];
      for (let j = 1; j <= b.length; j += 1) {
        current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      }
      previous = current;
    }
    return previous[b.length]!;
  };
  const [best] = known.map((candidate) => ({ candidate, edits: distance(name, candidate) })).sort((x, y) => x.edits - y.edits);
  return best !== undefined && best.edits <= 2 ? best.candidate : undefined;
}

/** A whole number from `min` to `max`; `defaultValue` when absent. */
export function readInteger(path: string, value: unknown, range: { min: number; max: number; unit?: string }, defaultValue: number): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    const unit = range.unit === undefined ? '' : ` of ${range.unit}`;
    throw invalidOption(path, value, `a whole number${unit} from ${range.min} to ${range.max}`);
  }
  return value;
}

/** An optional whole number from `min` to `max`. */
export function readOptionalInteger(path: string, value: unknown, range: { min: number; max: number; unit?: string }): number | undefined {
  return value === undefined ? undefined : readInteger(path, value, range, 0);
}

/** A finite number from `min` to `max`. */
export function readNumber(path: string, value: unknown, range: { min: number; max: number; unit?: string }, defaultValue: number): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    const unit = range.unit === undefined ? '' : ` (${range.unit})`;
    throw invalidOption(path, value, `a number from ${range.min} to ${range.max}${unit}`);
  }
  return value;
}

/** true or false; `defaultValue` when absent. */
export function readBoolean(path: string, value: unknown, defaultValue: boolean): boolean {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'boolean') throw invalidOption(path, value, 'true or false');
  return value;
}

/** One of `allowed`; `defaultValue` when absent. */
export function readChoice<T extends string>(path: string, value: unknown, allowed: readonly T[], defaultValue: T): T {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidOption(path, value, `one of ${allowed.map((choice) => JSON.stringify(choice)).join(', ')}`);
  }
  return value as T;
}

/** A string matching `pattern`, described to the user as `allowed`. */
export function readString(path: string, value: unknown, pattern: RegExp, allowed: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw invalidOption(path, value, allowed);
  return value;
}

/**
 * A string matching `pattern`, or an intrinsic function (not checked: it resolves at deploy
 * time), as cloudform-types expects it.
 */
export function readStringValue(path: string, value: unknown, pattern: RegExp, allowed: string): string | IntrinsicFunction {
  if (isIntrinsic(value)) return toValue(value);
  if (typeof value !== 'string' || !pattern.test(value)) throw invalidOption(path, value, `${allowed}, or an intrinsic function such as {"Ref": "…"}`);
  return value;
}

/** An array of 1 to `maxItems` entries, each read by `readItem`; `[]` when absent. */
export function readArray<T>(path: string, value: unknown, maxItems: number, readItem: (itemPath: string, item: unknown) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0 || value.length > maxItems) {
    throw invalidOption(path, value, `a list of 1 to ${maxItems} entries`);
  }
  return value.map((item, index) => readItem(`${path}[${index}]`, item));
}
