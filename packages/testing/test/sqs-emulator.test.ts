/** The emulator's outage switch: off the network, then back on the same port with its state. */
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSqsEmulator } from '../src/index.js';
import type { SqsEmulator } from '../src/index.js';

let emulator: SqsEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

describe('startSqsEmulator', () => {
  it('refuses connections while offline, then serves the same queues and messages on the same port', async () => {
    emulator = await startSqsEmulator();
    const sqs = emulator.sqsClient();
    const { url } = await emulator.createQueue('kept');
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'survives the outage' }));

    await emulator.goOffline();
    // A kept-alive connection is cut (ECONNRESET); a new one is refused.
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).rejects.toMatchObject({ code: expect.stringMatching(/^ECONN(RESET|REFUSED)$/) });
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await emulator.goOnline();

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    expect(Messages.map((message) => [message.MessageId, message.Body])).toEqual([[MessageId, 'survives the outage']]);
  });

  it('listens on the port it is given', async () => {
    const first = await startSqsEmulator();
    const { port } = first;
    await first.stop();
    emulator = await startSqsEmulator({ port });
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${port}`);
    await expect(emulator.createQueue('on-a-fixed-port')).resolves.toMatchObject({ url: expect.stringContaining('on-a-fixed-port') });
  });
});
