/**
 * A walk through a dead-letter queue by receiving from it. SQS has no way to read a message
 * without receiving it, so each message met is held invisible for `holdSeconds` (which lets
 * the next receive reach the messages behind it) and handed back with visibility 0 when the
 * walk is released. Each receive of a dead letter adds one to its ApproximateReceiveCount, and
 * a concurrent walk cannot see the messages this one holds.
 *
 * The end: SQS's short receives sample only some of its servers, so an empty one proves
 * nothing until as many messages have been met as the queue counted at the start; past that
 * an empty receive ends the walk, before it one 1-second long poll (which asks every server)
 * must come back empty too.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@watchbot/core';
import { releaseDeadLetters } from './dead-letter-moves.js';
import type { HeldDeadLetter, HeldDeadLetters } from './held-dead-letters.js';
import { deadLetterSystemAttributes } from './to-dead-letter.js';
import { toWatchbotError } from './to-watchbot-error.js';

/** Receives in a row that bring only messages already met (their holds ran out) before the walk gives up. */
const maxStaleReceives = 3;

/** A walk in progress. */
export interface DeadLetterScan {
  /** The next messages (up to 10) this walk has not met, held until released; [] at the end. */
  next(): Promise<HeldDeadLetter[]>;
  /** Hands back every message this walk still holds (those not replayed or deleted meanwhile). */
  release(): Promise<void>;
}

/** What a walk works with. */
export interface DeadLetterScanOptions {
  readonly sqs: SQSClient;
  /** The dead-letter queue walked. */
  readonly deadLetterQueueUrl: string;
  /** How long each message met stays invisible, in seconds. */
  readonly holdSeconds: number;
  /** The registry the walk's messages are held in. */
  readonly held: HeldDeadLetters;
  /** Where a failed hand-back is reported (the hold then runs out by itself). */
  readonly logger?: Logger | undefined;
}

/** Starts a walk; nothing is received until the first `next()`. */
export function createDeadLetterScan(options: DeadLetterScanOptions): DeadLetterScan {
  const { sqs, deadLetterQueueUrl, holdSeconds, held } = options;
  const owner = Symbol('dead-letter walk');
  const met = new Set<string>();
  let countedAtStart: number | undefined;
  let ended = false;
  let confirming = false;
  let staleReceives = 0;

  const readVisibleCount = async (): Promise<number> => {
    try {
      const output = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
      return Number(output.Attributes?.ApproximateNumberOfMessages ?? 0) || 0;
    } catch (error) {
      throw toWatchbotError(error, `count the messages of ${deadLetterQueueUrl}`);
    }
  };

  const receive = async (waitSeconds: number) => {
    try {
      const output = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
          VisibilityTimeout: holdSeconds,
          MessageSystemAttributeNames: [...deadLetterSystemAttributes],
          MessageAttributeNames: ['All'],
        }),
      );
      return output.Messages ?? [];
    } catch (error) {
      throw toWatchbotError(error, `receive from the dead-letter queue ${deadLetterQueueUrl}`);
    }
  };

  return {
    async next() {
      countedAtStart ??= await readVisibleCount();
      while (!ended) {
        const messages = await receive(confirming ? 1 : 0);
        const fresh: HeldDeadLetter[] = [];
        for (const message of messages) {
          const letter = held.hold(owner, message);
          if (met.has(letter.letter.id)) continue;
          met.add(letter.letter.id);
          fresh.push(letter);
        }
        if (fresh.length > 0) {
          confirming = false;
          staleReceives = 0;
          return fresh;
        }
        if (messages.length > 0) {
          // Only messages met before came back: their holds ran out while the walk went on.
          ended = ++staleReceives >= maxStaleReceives;
        } else if (confirming || met.size >= countedAtStart) {
          ended = true;
        } else {
          confirming = true;
        }
      }
      return [];
    },
    async release() {
      ended = true;
      const mine = held.ownedBy(owner);
      held.forget(mine.map((letter) => letter.letter.id));
      await releaseDeadLetters(sqs, deadLetterQueueUrl, mine, options.logger);
    },
  };
}
