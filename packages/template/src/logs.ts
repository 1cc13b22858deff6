/**
 * The log group the container logs to, and the metric filter that counts worker failures.
 * The watcher writes "[failure]" on every failed or timed-out job in both its text and its
 * JSON (structuredLogging) form, so the count survives structured logging — the original's
 * structured mode dropped the text and its WorkerErrors alarm never fired.
 */
import type { BuildContext, Resources } from './build-context.js';
import { Logs, Ref } from './cloudform.js';
import { withDeletePolicy } from './deletion-policy.js';

/** The CloudWatch namespace of the worker-error metric. */
export const workerErrorsNamespace = 'Watchbot';

/** The worker-error metric's name for a service. */
export function workerErrorsMetricName(serviceName: string): string {
  return `${serviceName}-WorkerErrors`;
}

/** The log group and the "[failure]" metric filter. */
export function buildLogs({ options, ids }: BuildContext): Resources {
  return {
    [ids.LogGroup]: withDeletePolicy(new Logs.LogGroup({ RetentionInDays: options.logRetentionDays })),
    [ids.WorkerErrorsMetricFilter]: new Logs.MetricFilter({
      LogGroupName: Ref(ids.LogGroup),
      // Quoted: a bare [ starts a space-delimited pattern; quotes match the literal text.
      FilterPattern: '"[failure]"',
      MetricTransformations: [
        {
          MetricNamespace: workerErrorsNamespace,
          MetricName: workerErrorsMetricName(options.serviceName),
          MetricValue: '1',
          // Reports 0 for minutes with logs but no failure, so the alarm sees data, not gaps.
          DefaultValue: 0,
        },
      ],
    }),
  };
}
