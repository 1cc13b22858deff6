/** Contract tests for send: ids, bodies, subjects, groups, delays and the size limit. */
import { errorCodes } from '@watchbot/core';
import { expect, it } from 'vitest';
import { bodiesOf, expectWatchbotError, receiveNow, sendBodies } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the send tests. */
export function describeSendContract(fixture: UseQueueFixture): void {
  it('send returns one distinct id per message, in order, and each receive carries its id', async () => {
    const { queue } = fixture();
    const ids = await sendBodies(queue, 'a', 'b', 'c');
    expect(new Set(ids).size).toBe(3);
    expect((await receiveNow(queue)).map((message) => message.id)).toEqual(ids);
  });

  it('sending nothing returns no ids and stores nothing', async () => {
    const { queue } = fixture();
    expect(await queue.send([])).toEqual([]);
    expect(await receiveNow(queue)).toEqual([]);
  });

  it('a body round-trips exactly, whatever its characters', async () => {
    const { queue } = fixture();
    const bodies = ['{"a":[1,2,{"b":"c"}]}', '\uFEFFstarts with a byte-order mark', 'emoji 🎉, 中文, é', 'tabs\tand\r\nnewlines\n', '  spaces around  '];
    await sendBodies(queue, ...bodies);
    expect(bodiesOf(await receiveNow(queue))).toEqual(bodies);
  });

  it('a message keeps its subject and group; one sent without them carries neither', async () => {
    const { queue } = fixture();
    await queue.send([{ body: 'with', subject: 'build finished', groupId: 'builds' }, { body: 'without' }]);
    const [withBoth, withNeither] = await receiveNow(queue);
    expect(withBoth).toMatchObject({ body: 'with', subject: 'build finished', groupId: 'builds' });
    expect(withNeither?.subject).toBeUndefined();
    expect(withNeither?.groupId).toBeUndefined();
  });

  it('send rejects a body over maxBodyBytes with MESSAGE_TOO_LARGE and stores none of the batch', async () => {
    const { queue } = fixture();
    const tooLarge = 'x'.repeat(queue.limits.maxBodyBytes + 1);
    const error = await queue.send([{ body: 'fine' }, { body: tooLarge }]).catch((caught: unknown) => caught);
    expectWatchbotError(error, errorCodes.MESSAGE_TOO_LARGE);
    expect(await receiveNow(queue)).toEqual([]);
  });

  it('maxBodyBytes counts UTF-8 bytes, not characters', async () => {
    const { queue } = fixture();
    const max = queue.limits.maxBodyBytes;
    // 'é' is two bytes in UTF-8: this body is exactly max bytes but only about max / 2 characters.
    const atLimit = 'é'.repeat(Math.floor(max / 2)) + (max % 2 === 1 ? 'x' : '');
    await expect(queue.send([{ body: atLimit }])).resolves.toHaveLength(1);
    const error = await queue.send([{ body: `${atLimit}x` }]).catch((caught: unknown) => caught);
    expectWatchbotError(error, errorCodes.MESSAGE_TOO_LARGE);
    expect((await receiveNow(queue)).map((message) => message.body.length)).toEqual([atLimit.length]);
  });

  it('a message sent with delaySeconds becomes receivable only when the delay has passed', async () => {
    const { queue, clock } = fixture();
    await queue.send([{ body: 'later', delaySeconds: 10 }, { body: 'now' }]);
    expect(bodiesOf(await receiveNow(queue))).toEqual(['now']);
    await clock.advance(9_999);
    expect(await receiveNow(queue)).toEqual([]);
    await clock.advance(1);
    expect(bodiesOf(await receiveNow(queue))).toEqual(['later']);
  });
}
