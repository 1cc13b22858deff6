/** A test-only dead-letter queue in memory: replay hands letters to a send function, then drops them. */
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { DeadLetter, DeadLetterActionResult, DeadLetterQueue, OutgoingMessage } from '@watchbot/core';

/** A dead-letter queue whose letters tests can add and read. */
export interface MemoryDeadLetters extends DeadLetterQueue {
  /** The letters held, oldest first. */
  readonly letters: DeadLetter[];
}

/** Creates a dead-letter queue holding `letters`; replay sends through `send`. */
export function createMemoryDeadLetters(letters: DeadLetter[], send: (messages: OutgoingMessage[]) => Promise<string[]>): MemoryDeadLetters {
  const act = async (ids: readonly string[], each: (letter: DeadLetter) => Promise<void>): Promise<DeadLetterActionResult> => {
    const done: string[] = [];
    const failed: { id: string; error: Error }[] = [];
    for (const id of ids) {
      const letter = letters.find((candidate) => candidate.id === id);
      if (letter === undefined) {
        failed.push({ id, error: new WatchbotError(errorCodes.MESSAGE_NOT_FOUND, `no dead letter with id ${JSON.stringify(id)}`) });
        continue;
      }
      await each(letter);
      letters.splice(letters.indexOf(letter), 1);
      done.push(id);
    }
    return { done, failed };
  };
  const replay = (ids: readonly string[]): Promise<DeadLetterActionResult> =>
    act(ids, async (letter) => {
      await send([{ body: letter.body, ...(letter.subject !== undefined && { subject: letter.subject }), ...(letter.groupId !== undefined && { groupId: letter.groupId }) }]);
    });
  return {
    letters,
    count: async () => letters.length,
    list: async (limit) => letters.slice(0, limit),
    get: async (id) => letters.find((letter) => letter.id === id),
    replay,
    replayAll: () => replay(letters.map((letter) => letter.id)),
    delete: (ids) => act(ids, async () => undefined),
    async purge() {
      const removed = letters.length;
      letters.length = 0;
      return removed;
    },
    openCursor() {
      let next = 0;
      const snapshot = [...letters];
      return { next: async () => snapshot[next++], close: async () => undefined };
    },
    async close() {},
  };
}
