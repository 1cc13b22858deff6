/**
 * The ECS service. It sets no DesiredCount: Application Auto Scaling owns the task count, so a
 * deploy never resets it (the original's deploys did, stopping work in progress). A deployment
 * circuit breaker rolls back a deploy whose tasks cannot start.
 */
import type { BuildContext, Resources } from './build-context.js';
import { ECS, Ref } from './cloudform.js';

/** The service. */
export function buildService({ options, ids }: BuildContext): Resources {
  const placement =
    options.capacity === 'FARGATE_SPOT'
      ? { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] }
      : // FARGATE as a launch type needs no capacity provider on the cluster; FARGATE_SPOT has no launch type.
        { LaunchType: options.capacity };
  const network = options.network;
  return {
    [ids.Service]: new ECS.Service({
      Cluster: options.cluster.name,
      TaskDefinition: Ref(ids.TaskDefinition),
      ...placement,
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      ...(network !== undefined && {
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: [...network.subnets],
            ...(network.securityGroups.length > 0 && { SecurityGroups: [...network.securityGroups] }),
            AssignPublicIp: network.assignPublicIp ? 'ENABLED' : 'DISABLED',
          },
        },
      }),
      PropagateTags: 'SERVICE',
      EnableECSManagedTags: true,
    }),
  };
}
