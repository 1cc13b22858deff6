/**
 * A progress bar for bulk actions, redrawn in place on a terminal's stderr. On anything that
 * is not a terminal it draws nothing: logs and pipes get only the summary line at the end.
 */
import type { DeadLetterProgress } from '@watchbot/core';
import type { TextOutput } from './cli-io.js';

/** A bar in progress. */
export interface ProgressBar {
  /** Redraws the bar for `progress` (only when what it shows changed). */
  update(progress: DeadLetterProgress): void;
  /** Ends the bar's line, if one was drawn. */
  finish(): void;
}

/** Width of the bar itself, in characters. */
const barWidthChars = 30;

/** The bar's text for `progress`: `replaying [#########.....................] 30/100, 2 failed`. */
export function renderProgressBar(label: string, { done, failed, total }: DeadLetterProgress): string {
  const handled = done + failed;
  const whole = Math.max(total, handled, 1);
  const filled = Math.round((handled / whole) * barWidthChars);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(barWidthChars - filled)}] ${handled}/${Math.max(total, handled)}${failed > 0 ? `, ${failed} failed` : ''}`;
}

/** Creates a bar labelled `label` on `stream`, drawn only when the stream is a terminal. */
export function createProgressBar(stream: TextOutput, label: string): ProgressBar {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  let shown = '';
  return {
    update(progress) {
      const text = renderProgressBar(label, progress);
      if (text === shown) return;
      // \r returns to the start of the line; the padding wipes a longer previous text.
      stream.write(`\r${text.padEnd(shown.length)}`);
      shown = text;
    },
    finish() {
      if (shown !== '') stream.write('\n');
      shown = '';
    },
  };
}
