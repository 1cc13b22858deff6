/** Runs the queue contract against the in-memory fake, so the watcher's tests can trust it. */
import { createMemoryQueue } from '@watchbot/core/testing';
import { describeQueueContract } from '../src/index.js';

describeQueueContract('the memory queue', async ({ clock, maxReceives }) => ({ queue: createMemoryQueue({ clock, maxReceives }) }));
