/**
 * A snapshot of the default stack, kept as a readable template file, so any change to what
 * users deploy shows up in review. Never the only check: the other tests assert behaviour.
 */
import { describe, expect, it } from 'vitest';
import { toJson } from '../src/index.js';
import { minimalOptions, renderStack } from './fixtures.js';

describe('the default stack', () => {
  it('renders the same template as last reviewed', async () => {
    await expect(toJson(renderStack(minimalOptions))).toMatchFileSnapshot('./__snapshots__/default-stack.template.json');
  });
});
