/**
 * `watchbot dashboard`: serves the live web page of one queue (@watchbot/dashboard) — counts
 * over time, recent jobs and their timelines, dead letters with Replay and Delete — over the
 * embedded queue or SQS, with the job history beside it. Loopback only unless a token is given
 * (`--token` or `WATCHBOT_DASHBOARD_TOKEN`); runs until SIGINT or SIGTERM.
 */
import { createCliLogger, resolveLogFormat } from '../cli-logger.js';
import type { CommandDefinition } from '../command-definition.js';
import { openDashboardSources } from '../open-dashboard-sources.js';
import { readString, readWholeNumber } from '../parsed-arguments.js';
import { queueLocationOptions, resolveQueueLocation } from '../queue-location.js';
import { findQueueJobHistory, queueJobHistoryOptions } from '../queue-job-history.js';
import { waitForStopSignal } from '../stop-signal.js';
import { UsageError } from '../usage-error.js';

/** The variable the token may come from, so it stays out of `ps`. */
export const dashboardTokenVariable = 'WATCHBOT_DASHBOARD_TOKEN';

/** The `dashboard` command. */
export const dashboardCommand: CommandDefinition = {
  name: 'dashboard',
  command: 'dashboard',
  describe: 'Serve a live web dashboard of a queue: counts, recent jobs and their timelines, dead letters',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 dashboard [--queue Q | --stack NAME] [--port P] [--host H] [--token T]',
          '',
          'Serves a page that follows the queue live: messages visible, in flight, delayed and dead-lettered,',
          'throughput, failure rate and run times, the latest jobs with their timelines, and the dead letters',
          'with Replay and Delete. It listens on 127.0.0.1 unless given --host and a token; with a token it',
          'also accepts messages (POST /api/messages). Runs until SIGINT (Ctrl-C) or SIGTERM.',
        ].join('\n'),
      )
      .options({
        ...queueLocationOptions,
        ...queueJobHistoryOptions,
        port: { requiresArg: true, describe: 'the TCP port, 0 to 65535; 0 picks a free one', defaultDescription: '0 (a free port)' },
        host: { requiresArg: true, describe: 'the address to listen on; anything but loopback needs a token', defaultDescription: '127.0.0.1' },
        token: { requiresArg: true, describe: `a shared secret of at least 16 characters every request must carry; prefer $${dashboardTokenVariable} (not visible in ps)` },
        'log-format': { requiresArg: true, describe: 'json or text', defaultDescription: 'text on a terminal, else json' },
      })
      .example('$0 dashboard', 'the default queue, on a free port of 127.0.0.1')
      .example('$0 dashboard --queue jobs --port 8080', './.watchbot/jobs.db on http://127.0.0.1:8080/')
      .example(`${dashboardTokenVariable}=$(openssl rand -hex 16) $0 dashboard --host 0.0.0.0 --port 8080`, 'reachable from other machines, with a token')
      .example('$0 dashboard --stack thumbnailer --region us-east-1', "a stack's SQS queue, dead letters and job table")
      .epilog('Exit status: 0 after SIGINT/SIGTERM, 1 when the port cannot be listened on or the queue cannot be reached, 2 on a usage error.'),
  async execute(args, io) {
    const { isDashboardError, resolveDashboardOptions, startDashboard } = await import('@watchbot/dashboard');
    const port = readWholeNumber(args, 'port', { min: 0, max: 65_535 }, 0);
    const host = readString(args, 'host') ?? '127.0.0.1';
    const tokenFlag = readString(args, 'token');
    const envToken = io.env[dashboardTokenVariable];
    const token = tokenFlag ?? (envToken === undefined || envToken.trim() === '' ? undefined : envToken.trim());
    const tokenOption = tokenFlag === undefined ? dashboardTokenVariable : '--token';
    // Bad options are usage errors (exit 2); a port that cannot be listened on is a runtime failure (exit 1). Both name the flag.
    const toCliError = (error: unknown): unknown => {
      if (!isDashboardError(error)) return error;
      const message = namingFlag(error.message, tokenOption);
      return error.code === 'LISTEN_FAILED' ? new Error(message, { cause: error }) : new UsageError(message, { cause: error });
    };
    // Checked before anything is opened: a bad host, port or token costs one line and nothing else.
    try {
      resolveDashboardOptions({ sources: { queueLabel: '', getCounts: async () => ({ visible: 0, inFlight: 0, delayed: 0 }) }, host, port, ...(token !== undefined && { token }) });
    } catch (error) {
      throw toCliError(error);
    }
    const location = await resolveQueueLocation(args, io);
    const history = await findQueueJobHistory({ args, io, address: location.address, ...(location.stack !== undefined && { stack: location.stack }), command: 'dashboard' });
    const logger = createCliLogger({ format: resolveLogFormat(readString(args, 'log-format'), io.stdout), stdout: io.stdout });
    const opened = await openDashboardSources({
      address: location.address,
      ...(location.stack !== undefined && { stack: location.stack }),
      history,
      canSend: token !== undefined,
      env: io.env,
      logger,
    });
    const stopWait = waitForStopSignal((signal) => logger.log({ level: 'warn', msg: `received ${signal} again; already stopping, ignored` }));
    try {
      let dashboard;
      try {
        dashboard = await startDashboard({ sources: opened.sources, host, port, logger, ...(token !== undefined && { token }) });
      } catch (error) {
        throw toCliError(error);
      }
      // One write, so whoever reads the address reads the rest with it.
      io.stdout.write(
        [
          `dashboard: ${dashboard.url}`,
          ...(token === undefined ? [] : [`  open ${withTokenPlaceholder(dashboard.url)} with the token of ${tokenOption} (not printed); scripts send "Authorization: Bearer <token>"`]),
          `  ${opened.description}`,
          '  stop with Ctrl-C (SIGINT) or SIGTERM',
          '',
        ].join('\n'),
      );
      const signal = await stopWait.received;
      logger.log({ level: 'info', msg: `received ${signal}; closing the dashboard` });
      await dashboard.close();
      return 0;
    } finally {
      stopWait.dispose();
      await opened.close();
    }
  },
};

/** The page's address with `?token=<token>` for people to fill in. */
function withTokenPlaceholder(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}token=<token>`;
}

/** A dashboard error's line as the CLI says it: naming the flag (or variable) its option came from. */
function namingFlag(message: string, tokenOption: string): string {
  const option = /^(\w+):/.exec(message)?.[1];
  const flag = option === 'token' ? tokenOption : option === undefined ? undefined : `--${option}`;
  const named = flag === undefined ? message : `${flag}${message.slice(option?.length ?? 0)}`;
  return named.replace(/, or use 127\.0\.0\.1$/, `: give --token or set ${dashboardTokenVariable}, or use --host 127.0.0.1`);
}
