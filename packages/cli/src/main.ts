/**
 * The `watchbot` command line: parse the arguments with yargs, run the chosen command, and
 * turn every way it can end into an exit status — 0 done, 1 a runtime failure, 2 a usage
 * error — with one line on stderr for errors, never a stack trace.
 */
import yargs from 'yargs';
import type { CliIo } from './cli-io.js';
import { createProcessIo } from './cli-io.js';
import type { CommandDefinition, ParsedArguments } from './command-definition.js';
import { dashboardCommand } from './commands/dashboard-command.js';
import { deadLetterCommand } from './commands/dead-letter-command.js';
import { jobsCommand } from './commands/jobs-command.js';
import { listenCommand } from './commands/listen-command.js';
import { progressCommand } from './commands/progress-command.js';
import { runCommand } from './commands/run-command.js';
import { sendCommand } from './commands/send-command.js';
import { statusCommand } from './commands/status-command.js';
import { templateCommand } from './commands/template-command.js';
import { trackCommand } from './commands/track-command.js';
import { UsageError, isUsageError, toOneLine } from './usage-error.js';
import { version } from './version.js';
import { toUsageMessage } from './yargs-message.js';

/** Every command, in the order `watchbot --help` lists them. */
export const commands: readonly CommandDefinition[] = [runCommand, sendCommand, statusCommand, deadLetterCommand, listenCommand, progressCommand, jobsCommand, trackCommand, dashboardCommand, templateCommand];

/**
 * Runs `watchbot` with `argv` (the arguments after the program name).
 * @param io where output goes and where the environment comes from. Default: the real process.
 * @returns the exit status: 0 success, 1 a runtime failure, 2 a usage error. Never rejects.
 */
export async function main(argv: readonly string[], io: CliIo = createProcessIo()): Promise<number> {
  const chosen = commands.find((command) => command.name === argv[0]);
  try {
    if (chosen === undefined && argv[0] !== undefined && !argv[0].startsWith('-')) {
      throw new UsageError(`unknown command ${JSON.stringify(argv[0])}; expected one of ${commands.map((c) => c.name).join(', ')}`);
    }
    const parsed = await parse(chosen === listenCommand ? splitListenCommand(argv) : [...argv]);
    if (parsed.kind === 'output') {
      io.stdout.write(`${parsed.output}\n`);
      return 0;
    }
    return await parsed.command.execute(parsed.args, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr.write(`watchbot: ${toOneLine(error)}\nRun 'watchbot${chosen === undefined ? '' : ` ${chosen.name}`} --help' for usage.\n`);
      return 2;
    }
    io.stderr.write(`watchbot: ${toOneLine(error)}\n`);
    return 1;
  }
}

type ParseResult =
  | { readonly kind: 'output'; readonly output: string }
  | { readonly kind: 'command'; readonly command: CommandDefinition; readonly args: ParsedArguments };

async function parse(args: string[]): Promise<ParseResult> {
  let selected: { command: CommandDefinition; args: ParsedArguments } | undefined;
  let output = '';
  const parser = yargs()
    .scriptName('watchbot')
    .locale('en')
    .wrap(100)
    // Values stay text as typed: the commands check numbers themselves, and a worker command
    // after -- must reach the shell unchanged (yargs would turn "1e3" into 1000, "0.50" into 0.5).
    .parserConfiguration({ 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false })
    .strict()
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw new UsageError(toUsageMessage(message ?? error?.message ?? 'invalid arguments', args), { cause: error });
    })
    .usage('$0 <command> [options]\n\nRuns a command once per queue message, at least once, and settles each message by its exit code.')
    .demandCommand(1, `no command given; expected one of ${commands.map((c) => c.name).join(', ')}`)
    .version(version)
    .help()
    .alias('help', 'h')
    .epilog('Exit status: 0 success, 1 runtime failure, 2 usage error. Run a command with --help for its options.');
  for (const command of commands) {
    parser.command(command.command, command.describe, command.configure, (parsedArgs) => {
      selected = { command, args: parsedArgs };
    });
  }
  await parser.parseAsync(args, {}, (_error, _argv, text) => {
    output += text;
  });
  if (selected === undefined) return { kind: 'output', output };
  return { kind: 'command', ...selected };
}

/**
 * `listen` takes everything after it as the worker command, flags included (`watchbot listen
 * node worker.js --fast`), as the original did; only leading options (--help) are its own.
 */
function splitListenCommand(argv: readonly string[]): string[] {
  const rest = argv.slice(1);
  const start = rest.findIndex((word) => word === '--' || !word.startsWith('-'));
  if (start === -1 || rest[start] === '--') return [...argv];
  return ['listen', ...rest.slice(0, start), '--', ...rest.slice(start)];
}
