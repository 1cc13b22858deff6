/**
 * `watchbot template`: print the CloudFormation template of a whole Watchbot stack on AWS,
 * from a config file holding @watchbot/template's options (JSON, or YAML by file name).
 */
import { invalidOption } from '@watchbot/core';
import type { CommandDefinition } from '../command-definition.js';
import { readString } from '../parsed-arguments.js';
import { readInput } from '../read-input.js';
import { UsageError } from '../usage-error.js';

const formats = ['json', 'yaml'] as const;

/** The `template` command. */
export const templateCommand: CommandDefinition = {
  name: 'template',
  command: 'template',
  describe: 'Print the CloudFormation template of a Watchbot stack on AWS, from a config file',
  configure: (yargs) =>
    yargs
      .usage(
        '$0 template --config FILE [--format json|yaml]\n\n' +
          'Prints a complete CloudFormation template (queue, topics, task definition, service, scaling, alarms, dashboard …) ' +
          "for the options in FILE: a JSON object of @watchbot/template's options, or YAML when FILE ends in .yaml or .yml. " +
          'Options are documented in docs/building-a-template.md.',
      )
      .options({
        config: { requiresArg: true, describe: 'the options file (JSON, or YAML for .yaml/.yml); - reads standard input' },
        format: { requiresArg: true, describe: 'json or yaml (long-form Fn:: keys)', defaultDescription: 'json' },
      })
      .example('$0 template --config watchbot.config.json > stack.json', 'JSON')
      .example('$0 template --config watchbot.config.yaml --format yaml', 'YAML')
      .epilog('Exit status: 0, or 2 when the file cannot be read or an option is not valid (one line naming it).'),
  async execute(args, io) {
    const file = readString(args, 'config');
    if (file === undefined) throw new UsageError('--config is required: the file holding the stack\'s options (see docs/building-a-template.md)');
    const format = readString(args, 'format') ?? 'json';
    if (!(formats as readonly string[]).includes(format)) throw invalidOption('--format', format, 'json or yaml');
    const text = (await readInput(file, '--config', io.cwd, io.stdin ?? process.stdin)).toString('utf8');
    // Loaded here, not at start-up: every other command (listen in a container above all)
    // starts without the CloudFormation types.
    const stacks = await import('@watchbot/template');
    let output: string;
    try {
      const options = stacks.parseConfig(text, file) as { serviceName?: unknown };
      const fragment = stacks.template(options as Parameters<typeof stacks.template>[0]);
      const description = `Watchbot: ${String(options.serviceName)}, a queue and the ECS service that works through it`;
      const stack = stacks.merge({ AWSTemplateFormatVersion: '2010-09-09', Description: description }, fragment);
      output = format === 'yaml' ? stacks.toYaml(stack) : stacks.toJson(stack);
    } catch (error) {
      if (!stacks.isTemplateError(error)) throw error;
      const message = error.code === stacks.templateErrorCodes.INVALID_OPTION ? `${file}: ${error.message}` : error.message;
      throw new UsageError(message, { cause: error });
    }
    io.stdout.write(output);
    return 0;
  },
};
