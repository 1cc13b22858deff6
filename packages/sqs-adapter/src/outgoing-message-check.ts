/**
 * Checks on outgoing messages, made before any call so a batch is never half-sent over a body
 * SQS or SNS would refuse: size in UTF-8 bytes, the characters SQS accepts, the group id, the
 * delay — each failure one line naming the message's position.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { OutgoingMessage } from '@watchbot/core';

/** Characters SQS refuses: anything outside #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF (lone surrogates included). */
const refusedCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A valid MessageGroupId: 1 to 128 ASCII letters, digits and punctuation. */
const groupIdPattern = /^[\x21-\x7E]{1,128}$/;

/** The name and type of the message attribute that carries a subject, as SQS counts their size. */
export const subjectAttribute = { name: 'Subject', dataType: 'String' } as const;

/** The UTF-8 size of `text`, in bytes. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The size SQS counts for a message: its body plus its message attributes (here, the subject), in bytes. */
export function sqsMessageBytes(message: OutgoingMessage): number {
  const subject = message.subject === undefined || message.subject === '' ? 0 : subjectAttribute.name.length + subjectAttribute.dataType.length + utf8Bytes(message.subject);
  return utf8Bytes(message.body) + subject;
}

/** What the destination allows. */
export interface MessageRules {
  /** The largest message (body and attributes), in bytes. */
  readonly maxMessageBytes: number;
  /** Whether `delaySeconds` may be set (not on FIFO queues, never on SNS). */
  readonly allowsDelay: boolean;
  /** Why a delay is refused, for the error message. */
  readonly delayRefusal?: string;
}

/**
 * Checks every message, throwing for the first that cannot be sent: MESSAGE_TOO_LARGE for
 * one over `rules.maxMessageBytes`, INVALID_MESSAGE for a character SQS refuses, a bad
 * group id or a delay that is not allowed or not 0 to 900 seconds.
 */
export function checkOutgoingMessages(messages: readonly OutgoingMessage[], rules: MessageRules): void {
  messages.forEach((message, index) => {
    const which = `message ${index + 1} of ${messages.length}`;
    const bytes = sqsMessageBytes(message);
    if (bytes > rules.maxMessageBytes) {
      throw new WatchbotError(errorCodes.MESSAGE_TOO_LARGE, `${which} is ${bytes.toLocaleString('en-US')} bytes; the largest allowed is ${rules.maxMessageBytes.toLocaleString('en-US')} (body and subject, UTF-8)`);
    }
    for (const [field, text] of [['body', message.body], ['subject', message.subject ?? '']] as const) {
      const refused = refusedCharacter.exec(text);
      if (refused !== null) {
        const codePoint = refused[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
        throw new WatchbotError(errorCodes.INVALID_MESSAGE, `${which}: its ${field} contains U+${codePoint}, which SQS and SNS do not accept`);
      }
    }
    if (message.groupId !== undefined && !groupIdPattern.test(message.groupId)) {
      throw new WatchbotError(errorCodes.INVALID_MESSAGE, `${which}: groupId ${JSON.stringify(message.groupId)} must be 1 to 128 ASCII letters, digits or punctuation`);
    }
    const delay = message.delaySeconds;
    if (delay !== undefined && delay !== 0) {
      if (!rules.allowsDelay) throw new WatchbotError(errorCodes.INVALID_MESSAGE, `${which}: delaySeconds ${delay} is not allowed: ${rules.delayRefusal ?? 'no per-message delay here'}`);
      if (!Number.isInteger(delay) || delay < 0 || delay > 900) {
        throw new WatchbotError(errorCodes.INVALID_MESSAGE, `${which}: delaySeconds ${delay} must be a whole number of seconds from 0 to 900`);
      }
    }
  });
}
