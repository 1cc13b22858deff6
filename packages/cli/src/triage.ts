/**
 * Interactive triage of dead letters: one at a time, show it, and let the operator replay it,
 * leave it where it is, delete it, see its job history, or stop. Works on any DeadLetterQueue,
 * reading answers from the CLI's stdin, so tests drive it with an in-memory stream.
 */
import type { DeadLetter, DeadLetterQueue } from '@watchbot/core';
import type { TextOutput } from './cli-io.js';
import { formatDeadLetterDetails } from './format-dead-letter.js';
import type { LineReader } from './line-reader.js';
import { toOneLine } from './usage-error.js';

/** What triage works with. */
export interface TriageOptions {
  /** The dead letters. */
  readonly deadLetters: DeadLetterQueue;
  /** How to name them: the queue file or the dead-letter queue's URL. */
  readonly label: string;
  /** Where the letters and prompts go. */
  readonly stdout: TextOutput;
  /** Where the answers come from. */
  readonly answers: LineReader;
  /** The job history of a message id, as `watchbot jobs show <id>` prints it; absent when no history is kept. */
  readonly showHistory?: (id: string) => Promise<string>;
  /** Body characters shown per letter before it is cut. Default 2,000. */
  readonly maxBodyChars?: number;
}

/** What triage did. */
export interface TriageSummary {
  readonly replayed: number;
  readonly deleted: number;
  readonly failed: number;
  /** Dead letters left in the queue at the end (approximate on SQS). */
  readonly left: number;
}

/** The choices, each with the words that pick it (the first letter, the word, synonyms). */
const choices = {
  replay: ['r', 'replay'],
  leave: ['l', 'leave', 'return', 'n', 'next', ''],
  delete: ['d', 'delete'],
  history: ['h', 'history'],
  stop: ['s', 'stop', 'q', 'quit'],
} as const;

type Choice = keyof typeof choices;

const prompt = '[r]eplay, [l]eave it (return it to the dead letters), [d]elete, [h]istory, [s]top? ';

function toChoice(answer: string): Choice | undefined {
  const word = answer.toLowerCase();
  return (Object.keys(choices) as Choice[]).find((choice) => (choices[choice] as readonly string[]).includes(word));
}

/** Runs triage to the end of the dead letters, a stop, or the end of input; resolves with what it did. */
export async function runTriage(options: TriageOptions): Promise<TriageSummary> {
  const { deadLetters, label, stdout } = options;
  const total = await deadLetters.count();
  const tally = { replayed: 0, deleted: 0, failed: 0 };
  if (total === 0) {
    stdout.write(`no dead letters in ${label}\n`);
    return { ...tally, left: 0 };
  }
  stdout.write(`${total} dead letter${total === 1 ? '' : 's'} in ${label}; decide on each in turn.\n`);
  const cursor = deadLetters.openCursor();
  try {
    let index = 0;
    for (let letter = await cursor.next(); letter !== undefined; letter = await cursor.next()) {
      index += 1;
      stdout.write(`\n— dead letter ${index} of ${Math.max(total, index)} —\n${formatDeadLetterDetails(letter, options.maxBodyChars ?? 2_000)}`);
      if ((await decide(letter, options, tally)) === 'stop') break;
    }
  } finally {
    await cursor.close();
  }
  const left = await deadLetters.count();
  return { ...tally, left };
}

/** Asks until the operator settles `letter`; resolves with the choice that ended the asking. */
async function decide(letter: DeadLetter, options: TriageOptions, tally: { replayed: number; deleted: number; failed: number }): Promise<Choice> {
  const { deadLetters, stdout, answers } = options;
  for (;;) {
    const answer = await answers.ask(prompt);
    if (answer === undefined) {
      // The end of input is a stop: nothing more can be decided. Nothing was typed, so end the prompt's line here.
      stdout.write('\n');
      return 'stop';
    }
    const choice = toChoice(answer);
    switch (choice) {
      case 'replay':
      case 'delete': {
        const result = choice === 'replay' ? await deadLetters.replay([letter.id]) : await deadLetters.delete([letter.id]);
        const failure = result.failed[0];
        if (failure === undefined) {
          tally[choice === 'replay' ? 'replayed' : 'deleted'] += 1;
          stdout.write(`${choice === 'replay' ? 'replayed' : 'deleted'} ${letter.id}\n`);
        } else {
          tally.failed += 1;
          stdout.write(`could not ${choice} ${letter.id}: ${toOneLine(failure.error)}\n`);
        }
        return choice;
      }
      case 'leave':
        stdout.write(`left ${letter.id} in the dead letters\n`);
        return choice;
      case 'history':
        stdout.write(options.showHistory === undefined ? 'no job history\n' : await historyOf(letter.id, options.showHistory));
        break;
      case 'stop':
        return choice;
      case undefined:
        stdout.write(`${JSON.stringify(answer)} is not a choice: answer r, l, d, h or s\n`);
        break;
    }
  }
}

async function historyOf(id: string, showHistory: (id: string) => Promise<string>): Promise<string> {
  try {
    const text = await showHistory(id);
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch (error) {
    return `no job history (${toOneLine(error)})\n`;
  }
}
