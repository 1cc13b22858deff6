/**
 * SNS subjects: ASCII, starting with a letter, digit or punctuation mark, no line breaks or
 * control characters, under 100 characters. A subject a user wrote is checked; one Watchbot
 * composes (from a message id, say) is made to fit.
 */

/** The longest subject SNS accepts, in characters. */
export const maxSnsSubjectLength = 99;

/** True when SNS accepts `subject` as a Subject. */
export function isValidSnsSubject(subject: string): boolean {
  return subject.length > 0 && subject.length <= maxSnsSubjectLength && /^[\x21-\x7E][\x20-\x7E]*$/.test(subject);
}

/** Makes `text` an acceptable subject: whitespace runs become one space, other characters outside printable ASCII become `?`, and it is cut to length. */
export function toSnsSubject(text: string): string {
  const ascii = text
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '?')
    .trim();
  const fitted = ascii.length > maxSnsSubjectLength ? `${ascii.slice(0, maxSnsSubjectLength - 3)}...` : ascii;
  return fitted === '' ? '[watchbot]' : fitted;
}
