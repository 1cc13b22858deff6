import { describe, expect, it } from 'vitest';
import { template } from '../src/index.js';
import { minimalOptions, ofType, render } from './fixtures.js';

/** The container definition of a rendered stack, with its environment as an object. */
function containerOf(options: Parameters<typeof render>[0] = {}) {
  const container = render(options).resources.WatchbotTaskDefinition!.Properties.ContainerDefinitions[0];
  const environment = Object.fromEntries(container.Environment.map((entry: { Name: string; Value: unknown }) => [entry.Name, entry.Value]));
  return { container, environment };
}

describe('the default stack', () => {
  it('creates exactly the resources the default options need', () => {
    expect(Object.keys(render().resources)).toEqual([
      'WatchbotQueue', 'WatchbotDeadLetterQueue', 'WatchbotTopic', 'WatchbotTopicSubscription', 'WatchbotQueuePolicy',
      'WatchbotNotificationTopic', 'WatchbotLogGroup', 'WatchbotWorkerErrorsMetricFilter', 'WatchbotExecutionRole',
      'WatchbotTaskRole', 'WatchbotTaskDefinition', 'WatchbotService', 'WatchbotScalableTarget', 'WatchbotScaleOutPolicy',
      'WatchbotScaleOutAlarm', 'WatchbotScaleInPolicy', 'WatchbotScaleInAlarm', 'WatchbotWorkerErrorsAlarm',
      'WatchbotOldestMessageAlarm', 'WatchbotDeadLetterAlarm', 'WatchbotMemoryUtilizationAlarm', 'WatchbotCpuUtilizationAlarm',
      'WatchbotDashboard',
    ]);
  });

  it('encrypts both queues and dead-letters after deadLetterThreshold receives', () => {
    const { resources } = render({ deadLetterThreshold: 4 });
    expect(resources.WatchbotQueue!.Properties).toMatchObject({ SqsManagedSseEnabled: true, RedrivePolicy: { maxReceiveCount: 4, deadLetterTargetArn: { 'Fn::GetAtt': ['WatchbotDeadLetterQueue', 'Arn'] } } });
    expect(resources.WatchbotDeadLetterQueue!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('subscribes the queue to the work topic, and admits that topic only', () => {
    const { resources } = render();
    expect(resources.WatchbotTopicSubscription!.Properties).toEqual({ TopicArn: { Ref: 'WatchbotTopic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['WatchbotQueue', 'Arn'] } });
    const statement = resources.WatchbotQueuePolicy!.Properties.PolicyDocument.Statement[0];
    expect(statement).toMatchObject({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'WatchbotTopic' } } } });
  });

  it('runs watchbot listen with the worker command and the whole environment contract', () => {
    const { container, environment } = containerOf({ concurrency: 4, maxJobDurationSeconds: 900, environment: { STAGE: 'prod' }, volumes: [{ containerPath: '/data' }, { containerPath: '/cache', emptiedAfterEachJob: false }] });
    expect(container.EntryPoint).toEqual(['watchbot', 'listen']);
    expect(container.Command).toEqual(['./worker.sh']);
    expect(environment).toEqual({
      Fifo: 'false',
      LogGroup: { Ref: 'WatchbotLogGroup' },
      NotificationTopic: { Ref: 'WatchbotNotificationTopic' },
      QueueUrl: { Ref: 'WatchbotQueue' },
      STAGE: 'prod',
      Volumes: '/tmp,/data',
      WorkTopic: { Ref: 'WatchbotTopic' },
      concurrency: '4',
      maxJobDuration: '900',
      stopTimeout: '20',
      structuredLogging: 'true',
      writableFilesystem: 'false',
    });
  });

  it('gives ECS a stop timeout 10 s longer than the watcher drains, so unfinished messages are released', () => {
    expect(containerOf().container.StopTimeout).toBe(30);
    const { container, environment } = containerOf({ stopTimeoutSeconds: 110 });
    expect([container.StopTimeout, environment.stopTimeout]).toEqual([120, '110']);
  });

  it('names the tables for reduce mode and job tracking in the environment', () => {
    const { environment } = containerOf({ reduceMode: true, jobTracking: { historyDays: 7, ecsTaskEvents: true } });
    expect(environment).toMatchObject({
      WatchbotProgressTable: { Ref: 'WatchbotProgressTable' },
      WatchbotJobTable: { Ref: 'WatchbotJobTable' },
      WatchbotJobHistoryDays: '7',
      WatchbotTaskEventsQueueUrl: { Ref: 'WatchbotTaskEventsQueue' },
    });
  });

  it('mounts /tmp and the volumes, read-only root by default, with an init process', () => {
    const { resources } = render({ volumes: [{ containerPath: '/data', readOnly: true }] });
    const properties = resources.WatchbotTaskDefinition!.Properties;
    expect(properties.Volumes).toEqual([{ Name: 'tmp' }, { Name: 'volume1' }]);
    expect(properties.ContainerDefinitions[0]).toMatchObject({
      ReadonlyRootFilesystem: true,
      LinuxParameters: { InitProcessEnabled: true },
      MountPoints: [
        { SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false },
        { SourceVolume: 'volume1', ContainerPath: '/data', ReadOnly: true },
      ],
    });
  });

  it('exports outputs under stable names prefixed by the service name', () => {
    const { outputs } = render();
    expect(Object.keys(outputs)).toEqual([
      'WatchbotQueueUrl', 'WatchbotQueueArn', 'WatchbotDeadLetterQueueUrl', 'WatchbotDeadLetterQueueArn', 'WatchbotWorkTopicArn',
      'WatchbotNotificationTopicArn', 'WatchbotLogGroupName', 'WatchbotServiceName',
    ]);
    expect(outputs.WatchbotQueueUrl).toEqual({ Description: 'The URL of the queue the watcher reads', Value: { Ref: 'WatchbotQueue' }, Export: { Name: 'demo-QueueUrl' } });
  });

  it('returns refs to what it made', () => {
    const refs = JSON.parse(JSON.stringify(template({ ...minimalOptions, reduceMode: true }).refs));
    expect(refs).toMatchObject({
      queueUrl: { Ref: 'WatchbotQueue' },
      queueArn: { 'Fn::GetAtt': ['WatchbotQueue', 'Arn'] },
      deadLetterQueueUrl: { Ref: 'WatchbotDeadLetterQueue' },
      workTopic: { Ref: 'WatchbotTopic' },
      notificationTopic: { Ref: 'WatchbotNotificationTopic' },
      logGroup: { Ref: 'WatchbotLogGroup' },
      taskRole: { Ref: 'WatchbotTaskRole' },
      progressTable: { Ref: 'WatchbotProgressTable' },
    });
    expect(refs.jobTable).toBeUndefined();
  });
});

describe('capacity', () => {
  it('runs Fargate tasks in awsvpc with the task size and architecture', () => {
    const { resources } = render({ cpu: 1024, memoryMiB: 3072, cpuArchitecture: 'ARM64', ephemeralStorageGiB: 40, assignPublicIp: true });
    expect(resources.WatchbotTaskDefinition!.Properties).toMatchObject({
      RequiresCompatibilities: ['FARGATE'], NetworkMode: 'awsvpc', Cpu: '1024', Memory: '3072',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }, EphemeralStorage: { SizeInGiB: 40 },
    });
    expect(resources.WatchbotService!.Properties).toMatchObject({ LaunchType: 'FARGATE', NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } } });
  });

  it('runs Fargate Spot through its capacity provider', () => {
    const service = render({ capacity: 'FARGATE_SPOT' }).resources.WatchbotService!.Properties;
    expect(service.CapacityProviderStrategy).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    expect(service.LaunchType).toBeUndefined();
  });

  it('runs EC2 tasks with container-level sizes, host volumes, privileges and bridge networking', () => {
    const { resources } = render({ capacity: 'EC2', subnets: undefined, cpu: 512, memoryMiB: 1024, memoryReservationMiB: 256, privileged: true, cpuArchitecture: 'ARM64', volumes: [{ containerPath: '/data', hostPath: '/mnt/data' }] } as never);
    const properties = resources.WatchbotTaskDefinition!.Properties;
    expect(properties).toMatchObject({ RequiresCompatibilities: ['EC2'], NetworkMode: 'bridge', Volumes: [{ Name: 'tmp' }, { Name: 'volume1', Host: { SourcePath: '/mnt/data' } }] });
    expect(properties.PlacementConstraints).toEqual([{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == arm64' }]);
    expect(properties.ContainerDefinitions[0]).toMatchObject({ Cpu: 512, Memory: 1024, MemoryReservation: 256, Privileged: true });
    expect(resources.WatchbotService!.Properties.LaunchType).toBe('EC2');
    expect(resources.WatchbotService!.Properties.NetworkConfiguration).toBeUndefined();
  });
});

describe('FIFO', () => {
  it('has no work topic, no subscription and no queue policy: senders send to the queue', () => {
    const { resources, outputs } = render({ fifo: true });
    expect(ofType(resources, 'AWS::SNS::Subscription')).toEqual([]);
    expect(ofType(resources, 'AWS::SQS::QueuePolicy')).toEqual([]);
    expect(Object.keys(resources)).not.toContain('WatchbotTopic');
    expect(resources.WatchbotQueue!.Properties).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: true });
    expect(resources.WatchbotDeadLetterQueue!.Properties).toMatchObject({ FifoQueue: true });
    expect(containerOf({ fifo: true }).environment).toMatchObject({ Fifo: 'true' });
    expect(containerOf({ fifo: true }).environment.WorkTopic).toBeUndefined();
    expect(outputs.WatchbotWorkTopicArn).toBeUndefined();
    expect(template({ ...minimalOptions, fifo: true }).refs.workTopic).toBeUndefined();
  });
});

describe('notifications and alarms', () => {
  it('subscribes an email address to a created topic', () => {
    const { resources } = render({ notifications: { email: 'ops@example.com' } });
    expect(resources.WatchbotNotificationEmailSubscription!.Properties).toEqual({ TopicArn: { Ref: 'WatchbotNotificationTopic' }, Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('uses an existing topic instead of creating one, for alarms and the watcher alike', () => {
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:ops';
    const { resources } = render({ notifications: { topicArn } });
    expect(Object.keys(resources)).not.toContain('WatchbotNotificationTopic');
    for (const [, alarm] of ofType(resources, 'AWS::CloudWatch::Alarm').filter(([id]) => !id.startsWith('WatchbotScale'))) {
      expect(alarm.Properties.AlarmActions).toEqual([topicArn]);
    }
    expect(containerOf({ notifications: { topicArn } }).environment.NotificationTopic).toBe(topicArn);
  });

  it('counts "[failure]" lines for the worker-errors alarm', () => {
    const { resources } = render({ alarms: { workerErrors: { threshold: 3, periodSeconds: 300, evaluationPeriods: 2 } } });
    expect(resources.WatchbotWorkerErrorsMetricFilter!.Properties).toMatchObject({ FilterPattern: '"[failure]"', MetricTransformations: [{ MetricNamespace: 'Watchbot', MetricName: 'demo-WorkerErrors', MetricValue: '1' }] });
    expect(resources.WatchbotWorkerErrorsAlarm!.Properties).toMatchObject({ Namespace: 'Watchbot', MetricName: 'demo-WorkerErrors', Statistic: 'Sum', Threshold: 3, Period: 300, EvaluationPeriods: 2 });
  });

  it('creates the queue-size alarm only with a threshold, and drops alarms set to false', () => {
    expect(Object.keys(render().resources)).not.toContain('WatchbotQueueSizeAlarm');
    const { resources } = render({ alarms: { queueSize: { threshold: 500 }, cpuUtilization: false } });
    expect(resources.WatchbotQueueSizeAlarm!.Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 500 });
    expect(Object.keys(resources)).not.toContain('WatchbotCpuUtilizationAlarm');
  });

  it('watches the dead-letter queue for any message', () => {
    const alarm = render().resources.WatchbotDeadLetterAlarm!.Properties;
    expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['WatchbotDeadLetterQueue', 'QueueName'] } }] });
  });
});

describe('tables, task events and the webhook', () => {
  it('creates the progress table keyed by job id', () => {
    const table = render({ reduceMode: true }).resources.WatchbotProgressTable!.Properties;
    expect(table).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
  });

  it('creates the job table with a TTL', () => {
    const table = render({ jobTracking: true }).resources.WatchbotJobTable!.Properties;
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
  });

  it('delivers the cluster\'s ECS task state changes to a queue that admits the rule only', () => {
    const { resources } = render({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod', jobTracking: { ecsTaskEvents: true } });
    expect(resources.WatchbotTaskEventsRule!.Properties.EventPattern).toEqual({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: { clusterArn: ['arn:aws:ecs:us-east-1:123456789012:cluster/prod'] },
    });
    expect(resources.WatchbotTaskEventsQueuePolicy!.Properties.PolicyDocument.Statement[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['WatchbotTaskEventsRule', 'Arn'] } } });
    expect(Object.keys(render({ jobTracking: true }).resources)).not.toContain('WatchbotTaskEventsRule');
  });

  it('publishes webhook requests to the work topic through an API key protected service integration, no Lambda', () => {
    const { resources, outputs } = render({ webhook: { rateLimitPerSecond: 5, burstLimit: 10 } });
    const method = resources.WatchbotWebhookMethod!.Properties;
    expect(method).toMatchObject({ HttpMethod: 'POST', ApiKeyRequired: true, Integration: { Type: 'AWS', Uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:sns:action/Publish' } } });
    expect(method.Integration.RequestTemplates['application/json']['Fn::Sub'][1]).toEqual({ Topic: { Ref: 'WatchbotTopic' } });
    expect(resources.WatchbotWebhookUsagePlan!.Properties.Throttle).toEqual({ RateLimit: 5, BurstLimit: 10 });
    expect(resources.WatchbotWebhookUsagePlanKey!.Properties).toMatchObject({ KeyId: { Ref: 'WatchbotWebhookApiKey' }, KeyType: 'API_KEY' });
    expect(ofType(resources, 'AWS::Lambda::Function')).toEqual([]);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['WatchbotWebhookUrl', 'WatchbotWebhookApiKeyId']));
  });
});
