/**
 * The dead letters this process holds invisible in a dead-letter queue: what it received (the
 * raw message, for a faithful replay), the latest receipt handle, and which walk holds it. A
 * letter met by a cursor can then be replayed or deleted at once, without searching again.
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { DeadLetter } from '@watchbot/core';
import { toDeadLetter } from './to-dead-letter.js';

/** One held dead letter. */
export interface HeldDeadLetter {
  /** The message as received: body, message attributes and system attributes. */
  readonly message: Message;
  /** The message as core's DeadLetter. */
  readonly letter: DeadLetter;
  /** The receipt handle of the latest receive: deletes and hand-backs need it. */
  readonly receiptHandle: string;
  /** The walk that holds it. */
  readonly owner: symbol;
}

/** The registry of held dead letters, by message id. */
export interface HeldDeadLetters {
  /** Records a receive of `message` by `owner`; the latest receive wins. */
  hold(owner: symbol, message: Message): HeldDeadLetter;
  /** The held letter with this id, if any. */
  get(id: string): HeldDeadLetter | undefined;
  /** Forgets these ids (acted on, or handed back). */
  forget(ids: Iterable<string>): void;
  /** Every letter `owner` holds. */
  ownedBy(owner: symbol): HeldDeadLetter[];
}

/** Creates an empty registry; `isFifo` says whether the queue's message groups are groups. */
export function createHeldDeadLetters(isFifo: boolean): HeldDeadLetters {
  const byId = new Map<string, HeldDeadLetter>();
  return {
    hold(owner, message) {
      const held = { message, letter: toDeadLetter(message, isFifo), receiptHandle: message.ReceiptHandle ?? '', owner };
      byId.set(held.letter.id, held);
      return held;
    },
    get: (id) => byId.get(id),
    forget(ids) {
      for (const id of ids) byId.delete(id);
    },
    ownedBy: (owner) => [...byId.values()].filter((held) => held.owner === owner),
  };
}
