/**
 * Which progress store `watchbot progress` uses: the DynamoDB table the stack's template names
 * (`--table`, or the `WatchbotProgressTable` variable ECS sets), else an SQLite file — `--store`,
 * or `progress.db` beside the embedded queue a worker was started from (its `QueueUrl`), or
 * `./.watchbot/progress.db`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProgressStore } from '@watchbot/reduce-mode';
import type { CliIo } from './cli-io.js';

/** Where progress is kept. */
export type ProgressLocation = { readonly kind: 'dynamodb'; readonly tableName: string } | { readonly kind: 'sqlite'; readonly path: string };

/** Decides the store from `--table`, `--store` and the environment. */
export function resolveProgressLocation(table: string | undefined, store: string | undefined, io: CliIo): ProgressLocation {
  const tableName = table ?? nonEmpty(io.env.WatchbotProgressTable);
  if (tableName !== undefined) return { kind: 'dynamodb', tableName };
  if (store !== undefined) return { kind: 'sqlite', path: resolve(io.cwd, store) };
  const queueUrl = io.env.QueueUrl;
  if (queueUrl?.startsWith('sqlite:')) return { kind: 'sqlite', path: join(dirname(queueUrl.slice('sqlite:'.length)), 'progress.db') };
  return { kind: 'sqlite', path: join(resolve(io.cwd), '.watchbot', 'progress.db') };
}

/** Opens the store at `location` (the AWS SDK is loaded only for DynamoDB). */
export async function openProgressStore(location: ProgressLocation): Promise<ProgressStore> {
  const reduceMode = await import('@watchbot/reduce-mode');
  if (location.kind === 'dynamodb') return reduceMode.createDynamoProgressStore({ tableName: location.tableName });
  mkdirSync(dirname(location.path), { recursive: true });
  return reduceMode.openSqliteProgressStore({ path: location.path });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
