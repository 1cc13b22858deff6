/**
 * The progress table's item for one job, and its reading into a {@link JobStatus}. Attribute
 * names are fixed here so every expression uses the same ones (always through #placeholders,
 * which keeps DynamoDB's reserved words out of the way).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { parseMetadata, toProgress } from './job-rules.js';
import type { JobStatus } from './progress-store.js';

/** A job's item as the SDK returns it. */
export type JobItem = Record<string, AttributeValue>;

/** Placeholders for every attribute of a job item. */
export const attributeNames = {
  '#id': 'id',
  '#total': 'totalParts',
  '#parts': 'parts',
  '#done': 'done',
  '#failed': 'failedReason',
  '#metadata': 'metadata',
  '#reduceSent': 'reduceSent',
  '#updated': 'updatedAtMs',
} as const;

/** The placeholders an expression uses, picked from {@link attributeNames} (DynamoDB rejects unused ones). */
export function pickNames(...placeholders: (keyof typeof attributeNames)[]): Record<string, string> {
  return Object.fromEntries(placeholders.map((placeholder) => [placeholder, attributeNames[placeholder]]));
}

/** A number attribute value. */
export function toNumberValue(value: number): AttributeValue {
  return { N: String(value) };
}

/** A number attribute's value; 0 when absent. */
export function readNumber(item: JobItem, name: string): number {
  const value = item[name];
  return value !== undefined && 'N' in value && value.N !== undefined ? Number(value.N) : 0;
}

/** A string attribute's value, or undefined when absent. */
export function readString(item: JobItem, name: string): string | undefined {
  const value = item[name];
  return value !== undefined && 'S' in value ? value.S : undefined;
}

/** A boolean attribute's value; false when absent. */
export function readBoolean(item: JobItem, name: string): boolean {
  const value = item[name];
  return value !== undefined && 'BOOL' in value && value.BOOL === true;
}

/** The completed part numbers (the `parts` number set; absent until the first completion). */
export function readParts(item: JobItem): readonly string[] {
  const value = item['parts'];
  return value !== undefined && 'NS' in value && value.NS !== undefined ? value.NS : [];
}

/** The status a job item describes. */
export function toJobStatus(item: JobItem): JobStatus {
  const totalParts = readNumber(item, 'totalParts');
  const completedParts = readParts(item).length;
  const failedReason = readString(item, 'failedReason');
  return {
    jobId: readString(item, 'id') ?? '',
    totalParts,
    completedParts,
    progress: toProgress(completedParts, totalParts),
    done: readBoolean(item, 'done'),
    ...(failedReason !== undefined && { failed: { reason: failedReason } }),
    metadata: parseMetadata(readString(item, 'metadata')),
    reduceSent: readBoolean(item, 'reduceSent'),
    createdAtMs: readNumber(item, 'createdAtMs'),
    updatedAtMs: readNumber(item, 'updatedAtMs'),
  };
}
