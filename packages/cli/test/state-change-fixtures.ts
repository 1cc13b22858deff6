/**
 * Recorded EventBridge state-change events (test/fixtures/state-changes/, modelled on
 * @watchbot/ecs-task-mode's): ECS task A provisioning → running → killed for memory (exit 137),
 * ECS task B stopped with exit 0 (delivered through SNS), Batch job X runnable → failed after
 * two attempts, Batch job Y succeeded, and an event of another kind. Their times are moved to
 * the last hour, so a job history's retention never prunes them as old.
 */
import { readFileSync } from 'node:fs';

const folder = new URL('./fixtures/state-changes/', import.meta.url);

/** The recorded events' own times end before this instant. */
const recordedEndMs = Date.parse('2026-03-02T10:20:00Z');

/** The fixtures' names, in the order the events happened. */
export const stateChangeFixtures = [
  'ecs-task-provisioning.json',
  'ecs-task-running.json',
  'ecs-task-stopped-out-of-memory.json',
  'sns-wrapped-ecs-task-b-stopped-exit-0.json',
  'batch-job-runnable.json',
  'batch-job-failed-after-retry.json',
  'batch-job-y-succeeded.json',
  'ecs-container-instance-state-change.json',
] as const;

/** Task A (out of memory), task B (exit 0), Batch job X (failed) and Y (succeeded). */
export const fixtureJobs = {
  taskA: 'arn:aws:ecs:us-east-1:111122223333:task/watchbot/7d3f2a9c41e84b0f9c6a5e2b1d0f8a37',
  taskB: 'arn:aws:ecs:us-east-1:111122223333:task/watchbot/2b9e61c04d7a4f3e8c5b0a1d9e8f7c60',
  batchX: '4c7599ae-0a82-49aa-ba5a-4727fcce14a8',
  batchY: '9d1f2e3c-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
} as const;

/**
 * The body of one fixture, its times (ISO-8601 strings and Batch's epoch milliseconds) moved so
 * that the recorded events end `endAgoMs` before `nowMs`.
 */
export function readStateChange(name: (typeof stateChangeFixtures)[number], nowMs = Date.now(), endAgoMs = 600_000): string {
  const shiftMs = nowMs - endAgoMs - recordedEndMs;
  return readFileSync(new URL(name, folder), 'utf8')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => {
      const moved = new Date(Date.parse(iso) + shiftMs).toISOString();
      // Keep the precision the recording had: EventBridge's envelope time has whole seconds.
      return iso.includes('.') ? moved : moved.replace(/\.\d+Z$/, 'Z');
    })
    .replace(/\b17\d{11}\b/g, (epochMs) => String(Number(epochMs) + shiftMs));
}
