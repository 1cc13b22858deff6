/** The progress bar: what it shows, and that it draws only on a terminal. */
import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgressBar } from '../src/progress-bar.js';

describe('the progress bar', () => {
  it('fills in proportion to the messages handled, and counts failures', () => {
    expect(renderProgressBar('replaying', { done: 0, failed: 0, total: 100 })).toBe(`replaying [${'.'.repeat(30)}] 0/100`);
    expect(renderProgressBar('replaying', { done: 40, failed: 10, total: 100 })).toBe(`replaying [${'#'.repeat(15)}${'.'.repeat(15)}] 50/100, 10 failed`);
    // An approximate total (SQS) that turns out low never overflows the bar.
    expect(renderProgressBar('purging', { done: 12, failed: 0, total: 10 })).toBe(`purging [${'#'.repeat(30)}] 12/12`);
  });

  it('redraws over itself on a terminal, only when the text changes, and ends its line', () => {
    let written = '';
    const bar = createProgressBar({ write: (text: string) => (written += text), isTTY: true }, 'deleting');
    bar.update({ done: 10, failed: 0, total: 20 });
    bar.update({ done: 10, failed: 0, total: 20 });
    bar.update({ done: 20, failed: 0, total: 20 });
    bar.finish();
    expect(written).toBe(`\rdeleting [${'#'.repeat(15)}${'.'.repeat(15)}] 10/20\rdeleting [${'#'.repeat(30)}] 20/20\n`);
  });

  it('draws nothing when the stream is not a terminal', () => {
    let written = '';
    const bar = createProgressBar({ write: (text: string) => (written += text) }, 'replaying');
    bar.update({ done: 1, failed: 0, total: 2 });
    bar.finish();
    expect(written).toBe('');
  });
});
