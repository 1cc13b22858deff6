/**
 * @watchbot/testing — the contract suites every adapter of a Watchbot port must pass. The
 * in-memory fakes themselves live in @watchbot/core/testing (core's own tests need them, and
 * core cannot depend on this package without a cycle); this package proves them honest.
 */
export { describeQueueContract } from './describe-queue-contract.js';
export type { MakeQueue, QueueContractContext, QueueUnderTest } from './describe-queue-contract.js';
export { describeDeadLetterQueueContract } from './describe-dead-letter-queue-contract.js';
export type { DeadLetterQueueContractContext, DeadLetterQueueUnderTest, MakeDeadLetterQueue } from './describe-dead-letter-queue-contract.js';
export { startSqsEmulator, testCredentials } from './sqs-emulator.js';
export type { SqsEmulator, SqsEmulatorOptions, TestClientOptions } from './sqs-emulator.js';
