/**
 * Turns lifecycle events into CloudWatch Embedded Metric Format (EMF) lines: JSON log lines
 * that CloudWatch Logs turns into metrics by itself, so metrics cost no API call. One line per
 * receive, one per settled message, one per dead letter; see docs/logging-and-metrics.md.
 */
import { invalidOption } from './errors.js';
import type { LineWriter } from './json-logger.js';
import type { EventSink, LifecycleEvent, LifecycleEventType } from './ports/events.js';

/** The metrics the sink writes, with their CloudWatch units. */
export const watchbotMetrics = {
  /** 1 for each receive of a message (a retry is a second receive). */
  MessageReceives: 'Count',
  /** 1 for each settled message: succeeded, rejected, returned, failed or timed out. */
  MessagesProcessed: 'Count',
  /** 1 when a settled message failed or timed out, else 0: its average is the error rate. */
  WorkerErrors: 'Count',
  /** How long the worker ran. */
  WorkerDuration: 'Milliseconds',
  /** From the message's send time to its deletion (succeeded or rejected messages only). */
  ResponseTime: 'Milliseconds',
  /** 1 for each message handed to the dead-letter queue after its last allowed attempt. */
  DeadLetters: 'Count',
} as const;

/** One of {@link watchbotMetrics}. */
export type WatchbotMetricName = keyof typeof watchbotMetrics;

/** Options for {@link createMetricsEventSink}. */
export interface MetricsEventSinkOptions {
  /** Where lines go, one JSON document per call, no newline. Default: standard output. */
  readonly write?: LineWriter;
  /** The CloudWatch namespace. Default "Watchbot". */
  readonly namespace?: string;
  /**
   * Dimensions added to every metric, e.g. `{ QueueName: 'jobs' }`: at most 30, names other than
   * the metric names, `_aws` and `Outcome`, values 1 to 1024 characters. Default: none.
   */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** The EMF document structure a CloudWatch agent or CloudWatch Logs parses. */
export interface EmfDocument {
  readonly _aws: {
    /** ms since the Unix epoch: when the event happened. */
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly [
      {
        readonly Namespace: string;
        readonly Dimensions: readonly (readonly string[])[];
        readonly Metrics: readonly { readonly Name: WatchbotMetricName; readonly Unit: string }[];
      },
    ];
  };
  readonly [member: string]: unknown;
}

/** Settled outcomes, as the events that report them. */
const settledTypes: ReadonlySet<LifecycleEventType> = new Set(['succeeded', 'rejected', 'returned', 'failed', 'timed-out']);
const errorTypes: ReadonlySet<LifecycleEventType> = new Set(['failed', 'timed-out']);
/** Outcomes that delete the message: its response time is final. */
const deletedTypes: ReadonlySet<LifecycleEventType> = new Set(['succeeded', 'rejected']);

const maxDimensions = 30;
const maxDimensionValueLength = 1024;
const reservedMembers: ReadonlySet<string> = new Set(['_aws', 'Outcome', ...Object.keys(watchbotMetrics)]);

const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/** The metric values one event yields; empty when it yields none. */
function toMetricValues(event: LifecycleEvent): Partial<Record<WatchbotMetricName, number>> {
  if (event.type === 'received') return { MessageReceives: 1 };
  if (event.type === 'dead-lettered') return { DeadLetters: 1 };
  if (!settledTypes.has(event.type)) return {};
  return {
    MessagesProcessed: 1,
    WorkerErrors: errorTypes.has(event.type) ? 1 : 0,
    ...(event.durationMs !== undefined && { WorkerDuration: event.durationMs }),
    // A clock that ran behind the sender's must not report a negative latency.
    ...(deletedTypes.has(event.type) && event.sentAtMs !== undefined && { ResponseTime: Math.max(0, event.timeMs - event.sentAtMs) }),
  };
}

/**
 * Builds the EMF document for one event, or undefined when the event yields no metric
 * (`started`). Exported for tests and for sinks that ship documents some other way.
 */
export function toEmfDocument(event: LifecycleEvent, namespace: string, dimensions: Readonly<Record<string, string>>): EmfDocument | undefined {
  const values = toMetricValues(event);
  const names = Object.keys(values) as WatchbotMetricName[];
  if (names.length === 0) return undefined;
  return {
    _aws: {
      Timestamp: event.timeMs,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: names.map((name) => ({ Name: name, Unit: watchbotMetrics[name] })),
        },
      ],
    },
    ...dimensions,
    ...(settledTypes.has(event.type) && { Outcome: event.type }),
    ...values,
  };
}

function validateDimensions(dimensions: Readonly<Record<string, string>>): void {
  const entries = Object.entries(dimensions);
  if (entries.length > maxDimensions) {
    throw invalidOption('dimensions', `${entries.length} dimensions`, `at most ${maxDimensions}`);
  }
  for (const [name, value] of entries) {
    if (name === '' || reservedMembers.has(name)) {
      throw invalidOption('dimensions', name, `a dimension name other than "", ${[...reservedMembers].join(', ')}`);
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > maxDimensionValueLength) {
      throw invalidOption(`dimensions.${name}`, value, `a string of 1 to ${maxDimensionValueLength} characters`);
    }
  }
}

/**
 * Creates an event sink that writes one EMF line per receive (`MessageReceives`), per settled
 * message (`MessagesProcessed`, `WorkerErrors`, `WorkerDuration`, and `ResponseTime` once the
 * message is deleted) and per dead letter (`DeadLetters`). Each line is stamped with the event's
 * own time. A failing `write` is swallowed: metrics never stop the watcher.
 * @throws WatchbotError INVALID_OPTION for a dimension CloudWatch would refuse.
 */
export function createMetricsEventSink(options: MetricsEventSinkOptions = {}): EventSink {
  const { write = writeStdout, namespace = 'Watchbot', dimensions = {} } = options;
  if (namespace.trim() === '' || namespace.length > 255) throw invalidOption('namespace', namespace, 'a name of 1 to 255 characters');
  validateDimensions(dimensions);
  const fixedDimensions = { ...dimensions };
  return {
    emit(event) {
      const document = toEmfDocument(event, namespace, fixedDimensions);
      if (document === undefined) return;
      try {
        write(JSON.stringify(document));
      } catch {
        // A closed stream must never take the watcher down.
      }
    },
  };
}
