/**
 * Fuzzing the event parser: thousands of truncated, mutated and made-up bodies, from a fixed
 * seed. The parser must always return a well-formed result and never throw.
 */
import { describe, expect, it } from 'vitest';
import { parseStateChangeEvent } from '../src/index.js';
import type { StateChangeEvent } from '../src/index.js';
import { fixtureNames, readFixture, readFixtureJson } from './fixtures.js';
import type { SeededRandom } from './seeded-random.js';
import { createSeededRandom } from './seeded-random.js';

const seed = 20_260_302;
const rounds = 4000;

/** Throws (failing the test with the body) when a result breaks the union's promises. */
function expectWellFormed(event: StateChangeEvent, body: string): void {
  const context = `body: ${body.slice(0, 300)}`;
  const isText = (value: unknown): boolean => typeof value === 'string' && value !== '';
  const isTime = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));
  switch (event.kind) {
    case 'ecs-task':
      expect([event.taskArn, event.clusterArn, event.lastStatus, event.desiredStatus].every(isText), context).toBe(true);
      expect(Array.isArray(event.containers), context).toBe(true);
      for (const container of event.containers) {
        expect(isText(container.name) && isText(container.lastStatus), context).toBe(true);
        expect(container.exitCode === undefined || Number.isSafeInteger(container.exitCode), context).toBe(true);
      }
      expect([event.createdAtMs, event.startedAtMs, event.stoppedAtMs, event.eventTimeMs].every(isTime), context).toBe(true);
      expect(event.version === undefined || Number.isSafeInteger(event.version), context).toBe(true);
      return;
    case 'batch-job':
      expect([event.jobId, event.jobName, event.jobQueue, event.status].every(isText), context).toBe(true);
      expect(Number.isSafeInteger(event.attempts) && event.attempts >= 0, context).toBe(true);
      expect([event.createdAtMs, event.startedAtMs, event.stoppedAtMs, event.eventTimeMs].every(isTime), context).toBe(true);
      return;
    case 'unknown':
      expect(typeof event.reason === 'string' && event.reason.length > 0 && !event.reason.includes('\n'), context).toBe(true);
      return;
    default:
      throw new Error(`unexpected kind in ${JSON.stringify(event)}; ${context}`);
  }
}

/** Every path (as keys) to a value inside `value`. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

/** Replaces, deletes or adds something at a random place in a parsed fixture. */
function mutateStructure(random: SeededRandom, event: Record<string, any>): string {
  const paths = pathsOf(event).filter((path) => path.length > 0);
  for (let edits = 1 + random.below(3); edits > 0; edits--) {
    const path = random.pick(paths);
    const parent = path.slice(0, -1).reduce<any>((node, key) => (node === undefined || node === null ? undefined : node[key]), event);
    if (typeof parent !== 'object' || parent === null) continue;
    const key = path.at(-1)!;
    const action = random.below(3);
    if (action === 0) delete parent[key];
    else if (action === 1) parent[key] = random.json();
    else parent[random.pick(['taskArn', 'exitCode', 'version', 'attempts', 'time', random.string(4)])] = random.json();
  }
  return JSON.stringify(event);
}

/** Changes the text: truncation, a changed, inserted or deleted character, a duplicated slice. */
function mutateText(random: SeededRandom, text: string): string {
  const at = random.below(text.length + 1);
  switch (random.below(5)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + random.string(1) + text.slice(at + 1);
    case 2: return text.slice(0, at) + random.string(3) + text.slice(at);
    case 3: return text.slice(0, at) + text.slice(at + 1 + random.below(20));
    default: return text.slice(0, at) + text.slice(random.below(text.length), random.below(text.length)) + text.slice(at);
  }
}

function wrapInSns(random: SeededRandom, message: string): string {
  const envelope: Record<string, unknown> = { Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:us-east-1:111122223333:events', Message: message, Timestamp: '2026-03-02T10:17:36.402Z' };
  if (random.chance(0.3)) envelope[random.pick(['Type', 'Message', 'TopicArn'])] = random.json(1);
  return JSON.stringify(envelope);
}

function generateBody(random: SeededRandom): string {
  const fixture = random.pick(fixtureNames);
  switch (random.below(6)) {
    case 0: return mutateStructure(random, readFixtureJson(fixture));
    case 1: return mutateText(random, readFixture(fixture));
    case 2: return wrapInSns(random, random.chance(0.5) ? mutateStructure(random, readFixtureJson(fixture)) : mutateText(random, readFixture(fixture)));
    case 3: return JSON.stringify(random.json(4));
    case 4: return JSON.stringify({ version: '0', 'detail-type': random.pick(['ECS Task State Change', 'Batch Job State Change', random.string()]), source: random.pick(['aws.ecs', 'aws.batch', random.string()]), time: random.json(0), detail: random.json(3) });
    default: return random.string(200);
  }
}

describe('the event parser under fuzzing', () => {
  it(`returns a well-formed result and never throws for ${rounds} mutated and made-up bodies (seed ${seed})`, () => {
    const random = createSeededRandom(seed);
    const kinds = { 'ecs-task': 0, 'batch-job': 0, unknown: 0 };
    for (let round = 0; round < rounds; round++) {
      const body = generateBody(random);
      let event: StateChangeEvent;
      try {
        event = parseStateChangeEvent(body);
      } catch (error) {
        throw new Error(`round ${round} (seed ${seed}) threw ${String(error)} for body: ${body.slice(0, 300)}`);
      }
      expectWellFormed(event, body);
      kinds[event.kind] += 1;
    }
    // The generator must exercise every branch, or the test proves little.
    expect(kinds['ecs-task']).toBeGreaterThan(rounds / 20);
    expect(kinds['batch-job']).toBeGreaterThan(rounds / 50);
    expect(kinds.unknown).toBeGreaterThan(rounds / 4);
  });

  it('gives the same result for the same body every time', () => {
    const random = createSeededRandom(seed + 1);
    for (let round = 0; round < 500; round++) {
      const body = generateBody(random);
      expect(parseStateChangeEvent(body)).toEqual(parseStateChangeEvent(body));
    }
  });

  it('never changes its reading of a valid event when unknown fields are added anywhere', () => {
    const random = createSeededRandom(seed + 2);
    for (let round = 0; round < 500; round++) {
      const fixture = random.pick(fixtureNames.filter((name) => !name.startsWith('sns-') && !name.includes('container-instance')));
      const event = readFixtureJson(fixture);
      const objects = pathsOf(event)
        .map((path) => path.reduce<any>((node, key) => node[key], event))
        .filter((node) => typeof node === 'object' && node !== null && !Array.isArray(node));
      random.pick(objects)[`zz${random.string(6)}`] = random.json(2);
      expect(parseStateChangeEvent(JSON.stringify(event))).toEqual(parseStateChangeEvent(readFixture(fixture)));
    }
  });

  it('survives bodies that stress JSON.parse: deep nesting, a 1 MiB string, lone surrogates', () => {
    const bodies = [
      '['.repeat(200_000) + ']'.repeat(200_000),
      '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
      JSON.stringify({ 'detail-type': 'ECS Task State Change', source: 'aws.ecs', time: '2026-03-02T10:14:55Z', detail: { taskArn: 'x'.repeat(1_048_576) } }),
      '{"detail-type":"ECS Task State Change","source":"aws.ecs","time":"2026-03-02T10:14:55Z","detail":{"taskArn":"\\ud800"}}',
      '',
      '\0',
    ];
    for (const body of bodies) expectWellFormed(parseStateChangeEvent(body), body);
  });
});
