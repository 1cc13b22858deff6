/**
 * The one error type @watchbot/template throws. Callers branch on `code`; the message is one
 * line a user can act on (it names the option, the value and what is allowed, or the
 * duplicated logical id).
 */

/** Every condition @watchbot/template reports, with what it means. */
export const templateErrorCodes = {
  /** An option is missing, of the wrong type, out of range, or contradicts another option. */
  INVALID_OPTION: 'INVALID_OPTION',
  /** `merge()` found the same logical id in two of its inputs. */
  DUPLICATE_LOGICAL_ID: 'DUPLICATE_LOGICAL_ID',
  /** A value given to `merge()` or a config text is not a template or options object. */
  INVALID_INPUT: 'INVALID_INPUT',
} as const;

/** One of {@link templateErrorCodes}. */
export type TemplateErrorCode = (typeof templateErrorCodes)[keyof typeof templateErrorCodes];

/** A bad option, a duplicate logical id, or unusable input; `code` says which. */
export class TemplateError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: TemplateErrorCode;
  /** For INVALID_OPTION: the option's path as written in the options object, e.g. "alarms.workerErrors.threshold". */
  readonly option?: string;

  constructor(code: TemplateErrorCode, message: string, options?: { cause?: unknown; option?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TemplateError';
    this.code = code;
    if (options?.option !== undefined) this.option = options.option;
  }
}

/** True when `error` is a {@link TemplateError}, optionally with the given code. */
export function isTemplateError(error: unknown, code?: TemplateErrorCode): error is TemplateError {
  return error instanceof TemplateError && (code === undefined || error.code === code);
}

/**
 * The error for a bad option value, in the project's one-line form:
 * `concurrency: 0 is not valid; expected a whole number from 1 to 1000`.
 */
export function invalidOption(option: string, value: unknown, allowed: string): TemplateError {
  return new TemplateError(templateErrorCodes.INVALID_OPTION, `${option}: ${showValue(value)} is not valid; expected ${allowed}`, { option });
}

/** A value as the user wrote it, short enough for one line. */
function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
