/**
 * What every resource builder gets: the validated options, the logical ids, and the few
 * references several builders share. Each builder returns the resources of its concern.
 */
import { GetAtt, Ref } from './cloudform.js';
import type { Resource, Value } from './cloudform.js';
import type { LogicalIds } from './logical-ids.js';
import { toLogicalIds } from './logical-ids.js';
import type { ResolvedOptions } from './resolved-options.js';

/** The inputs of every builder. */
export interface BuildContext {
  readonly options: ResolvedOptions;
  readonly ids: LogicalIds;
  /** The work topic's ARN; absent for FIFO stacks, which have no work topic. */
  readonly workTopicArn?: Value<string>;
  /** Where notifications and alarms go: the created topic, or the one given. */
  readonly notificationTopicArn: Value<string>;
  /** The cluster name, for metric dimensions and the scaling target. */
  readonly clusterName: Value<string>;
}

/** Resources by logical id. */
export type Resources = Record<string, Resource>;

/** Builds the shared context for `options`. */
export function createBuildContext(options: ResolvedOptions): BuildContext {
  const ids = toLogicalIds(options.prefix);
  return {
    options,
    ids,
    ...(!options.fifo && { workTopicArn: Ref(ids.Topic) }),
    notificationTopicArn: options.notifications.topicArn ?? Ref(ids.NotificationTopic),
    clusterName: options.cluster.name,
  };
}

/** `Fn::GetAtt` of a queue's name: SQS metrics are dimensioned by it. */
export function queueName(logicalId: string): Value<string> {
  return GetAtt(logicalId, 'QueueName');
}
