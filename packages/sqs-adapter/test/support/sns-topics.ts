/** Topics and subscriptions on the emulator, for tests of SNS delivery into SQS. */
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Emulator } from './fauxqs-emulator.js';

let nextTopic = 1;

/** Creates a topic (FIFO when asked: `.fifo` name, FifoTopic attribute); resolves with its ARN. */
export async function createTopic(emulator: Emulator, prefix: string, fifo = false): Promise<string> {
  const sns = emulator.snsClient();
  const name = `${prefix}-${nextTopic++}${fifo ? '.fifo' : ''}`;
  const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: name, ...(fifo && { Attributes: { FifoTopic: 'true' } }) }));
  return TopicArn;
}

/** Subscribes the queue with ARN `queueArn` to the topic, with or without raw message delivery. */
export async function subscribeQueue(emulator: Emulator, topicArn: string, queueArn: string, rawMessageDelivery = false): Promise<void> {
  const sns = emulator.snsClient();
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      ...(rawMessageDelivery && { Attributes: { RawMessageDelivery: 'true' } }),
    }),
  );
}
