/**
 * Finding a Watchbot system among a stack's outputs. The template names each output with a
 * prefix (the `prefix` option, "Watchbot" by default) plus a fixed name (QueueUrl,
 * DeadLetterQueueUrl …, see @watchbot/template's outputNames). A prefix is a Watchbot one when
 * both `<prefix>QueueUrl` and `<prefix>DeadLetterQueueUrl` exist — every Watchbot stack has both,
 * and no other output ends so (WatchbotDeadLetterQueueUrl also ends in "QueueUrl", but there is
 * no WatchbotDeadLetterDeadLetterQueueUrl) — so any prefix is found without being told.
 * The names come from the caller (the template package is loaded only when a stack is asked for).
 */
import type { OutputName } from '@watchbot/template';
import { StackDiscoveryError, stackErrorCodes } from './stack-discovery-error.js';

/** The Watchbot outputs of one prefix. */
export interface WatchbotOutputs {
  /** The prefix the outputs share ("Watchbot" by default). */
  readonly prefix: string;
  /** Every Watchbot output the stack has under that prefix, by name without the prefix. */
  readonly outputs: Readonly<Partial<Record<OutputName, string>>>;
}

/** The prefixes under which `outputs` hold a Watchbot system, in name order. */
export function findWatchbotPrefixes(outputs: Readonly<Record<string, string>>): string[] {
  const prefixes = Object.keys(outputs)
    .filter((key) => key.endsWith('DeadLetterQueueUrl'))
    .map((key) => key.slice(0, -'DeadLetterQueueUrl'.length))
    .filter((prefix) => outputs[`${prefix}QueueUrl`] !== undefined);
  return [...new Set(prefixes)].sort();
}

/**
 * Picks the Watchbot outputs of stack `stackName`: those of `prefix` when given, else of the one
 * prefix the stack has. `names` are the output names the template may create (its `outputNames`).
 * @throws StackDiscoveryError NOT_A_WATCHBOT_STACK or AMBIGUOUS_STACK, one line naming the stack.
 */
export function pickWatchbotOutputs(
  names: readonly OutputName[],
  stack: { readonly name: string; readonly status: string; readonly outputs: Readonly<Record<string, string>> },
  prefix?: string,
): WatchbotOutputs {
  const { name: stackName, status: stackStatus, outputs } = stack;
  const prefixes = findWatchbotPrefixes(outputs);
  const named = (list: readonly string[]): string => list.map((item) => (item === '' ? '(none)' : item)).join(', ');
  if (prefix !== undefined && !prefixes.includes(prefix)) {
    throw new StackDiscoveryError(
      stackErrorCodes.NOT_A_WATCHBOT_STACK,
      `--prefix: stack ${stackName} has no Watchbot outputs with prefix ${JSON.stringify(prefix)} (${prefix}QueueUrl and ${prefix}DeadLetterQueueUrl)${prefixes.length > 0 ? `; its Watchbot prefixes: ${named(prefixes)}` : ''}`,
    );
  }
  const chosen = prefix ?? prefixes[0];
  if (chosen === undefined) {
    const keys = Object.keys(outputs).sort();
    throw new StackDiscoveryError(
      stackErrorCodes.NOT_A_WATCHBOT_STACK,
      `--stack: stack ${stackName} (${stackStatus}) has no Watchbot outputs: expected <prefix>QueueUrl and <prefix>DeadLetterQueueUrl, e.g. WatchbotQueueUrl; its outputs: ${keys.length > 0 ? keys.join(', ') : 'none'}`,
    );
  }
  if (prefix === undefined && prefixes.length > 1) {
    throw new StackDiscoveryError(
      stackErrorCodes.AMBIGUOUS_STACK,
      `--stack: stack ${stackName} holds ${prefixes.length} Watchbot systems (output prefixes ${named(prefixes)}); choose one with --prefix`,
    );
  }
  const found: Partial<Record<OutputName, string>> = {};
  for (const name of names) {
    const value = outputs[`${chosen}${name}`];
    if (value !== undefined) found[name] = value;
  }
  return { prefix: chosen, outputs: found };
}
