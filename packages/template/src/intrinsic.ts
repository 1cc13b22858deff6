/**
 * CloudFormation values that may be computed at deploy time. Options accept a literal, a
 * cloudform-types intrinsic (`Fn.Ref('Subnet')`) or the same intrinsic written as plain JSON
 * (`{ "Ref": "Subnet" }`, `{ "Fn::ImportValue": "vpc-subnets" }`), which is what a JSON config
 * file can hold; plain ones are turned into cloudform-types intrinsics once, on validation.
 */
import { IntrinsicFunction } from './cloudform.js';
import type { Value } from './cloudform.js';

/** An intrinsic written as plain JSON: exactly one key, `Ref` or one of the `Fn::` functions. */
export type PlainIntrinsic =
  | { readonly Ref: string }
  | { readonly 'Fn::GetAtt': string | readonly [string, string] }
  | { readonly 'Fn::Sub': string | readonly [string, Readonly<Record<string, unknown>>] }
  | { readonly 'Fn::ImportValue': unknown }
  | { readonly 'Fn::Join': readonly [string, readonly unknown[] | object] }
  | { readonly 'Fn::Select': readonly [number | string, unknown] }
  | { readonly 'Fn::Split': readonly [string, unknown] }
  | { readonly 'Fn::If': readonly [string, unknown, unknown] }
  | { readonly 'Fn::FindInMap': readonly [unknown, unknown, unknown] }
  | { readonly 'Fn::Base64': unknown };

/** A string, or an intrinsic function that yields one at deploy time. */
export type StringValue = string | IntrinsicFunction | PlainIntrinsic;

/** True when `value` is an intrinsic function, as a cloudform-types object or as plain JSON. */
export function isIntrinsic(value: unknown): value is IntrinsicFunction | PlainIntrinsic {
  if (value instanceof IntrinsicFunction) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** `value` as cloudform-types expects it: a string, or an IntrinsicFunction. */
export function toValue(value: StringValue): Value<string> {
  if (typeof value === 'string' || value instanceof IntrinsicFunction) return value;
  const [name, payload] = Object.entries(value)[0] as [string, unknown];
  return new IntrinsicFunction(name, payload);
}

/** `{ "Fn::Sub": text }`, or `{ "Fn::Sub": [text, variables] }` when there are variables. */
export function sub(text: string, variables?: Readonly<Record<string, unknown>>): IntrinsicFunction {
  return new IntrinsicFunction('Fn::Sub', variables === undefined || Object.keys(variables).length === 0 ? text : [text, variables]);
}

/** `{ "Fn::Join": [separator, parts] }`. */
export function join(separator: string, parts: readonly unknown[]): IntrinsicFunction {
  return new IntrinsicFunction('Fn::Join', [separator, [...parts]]);
}
