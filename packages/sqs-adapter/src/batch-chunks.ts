/** Splitting a list of entries into batch calls that respect an entry count and a payload size. */

/**
 * Splits `items` into consecutive chunks of at most `maxEntries` whose sizes add up to at most
 * `maxBytes`. Order is kept. An item larger than `maxBytes` on its own travels alone (the
 * caller has checked it against the per-message limit).
 */
export function chunkBatches<T>(items: readonly T[], sizeOf: (item: T) => number, maxEntries: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const bytes = sizeOf(item);
    if (current.length > 0 && (current.length >= maxEntries || currentBytes + bytes > maxBytes)) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
