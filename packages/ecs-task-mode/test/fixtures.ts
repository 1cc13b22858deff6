/** The recorded event bodies in test/fixtures/, by file name. */
import { readFileSync, readdirSync } from 'node:fs';

const folder = new URL('./fixtures/', import.meta.url);

/** Every fixture file name. */
export const fixtureNames = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();

/** The text of one fixture. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, folder), 'utf8');
}

/** One fixture, parsed, for tests that edit it. */
export function readFixtureJson(name: string): Record<string, any> {
  return JSON.parse(readFixture(name)) as Record<string, any>;
}
