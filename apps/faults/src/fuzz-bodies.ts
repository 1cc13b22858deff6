/**
 * The malformed-input generator: seeded, so the same seed gives the same 10,000 bodies. Each
 * body says how it must travel — as text through the queue's own send, or as raw bytes written
 * into the queue file by "another program" (bytes that are not UTF-8 cannot be sent as text).
 */
import type { SeededRandom } from './seeded-random.js';

/** The families of malformed input. */
export const fuzzKinds = [
  'plain',
  'random-text',
  'random-bytes',
  'invalid-utf8',
  'nul',
  'lone-surrogate',
  'nested-json',
  'broken-sns',
  'unknown-event',
  'huge-subject',
  'blank',
  'max-size',
  'over-size',
] as const;

/** One family of {@link fuzzKinds}. */
export type FuzzKind = (typeof fuzzKinds)[number];

/** One fuzzed message. */
export type FuzzMessage =
  | { readonly kind: FuzzKind; readonly transport: 'text'; readonly body: string; readonly subject?: string }
  | { readonly kind: FuzzKind; readonly transport: 'raw'; readonly body: Uint8Array; readonly subject?: string };

/** One MiB: the largest body SQS and the embedded queue accept. */
export const maxBodyBytes = 1_048_576;

/** How often each family is drawn (the two size probes are added once each, first). */
const weights: readonly (readonly [FuzzKind, number])[] = [
  ['plain', 8],
  ['random-text', 20],
  ['random-bytes', 10],
  ['invalid-utf8', 10],
  ['nul', 8],
  ['lone-surrogate', 3],
  ['nested-json', 8],
  ['broken-sns', 15],
  ['unknown-event', 12],
  ['huge-subject', 1],
  ['blank', 5],
];
const totalWeight = weights.reduce((sum, [, weight]) => sum + weight, 0);

/** Generates `count` messages: a body of exactly 1 MiB, one a byte over, then `count - 2` drawn by weight. */
export function generateFuzzMessages(count: number, random: SeededRandom): FuzzMessage[] {
  const messages: FuzzMessage[] = [
    { kind: 'max-size', transport: 'text', body: 'm'.repeat(maxBodyBytes - 2) + 'é' },
    { kind: 'over-size', transport: 'text', body: 'o'.repeat(maxBodyBytes + 1) },
  ];
  while (messages.length < count) messages.push(generateOne(drawKind(random), random));
  return messages.slice(0, count);
}

function drawKind(random: SeededRandom): FuzzKind {
  let draw = random.next() * totalWeight;
  for (const [kind, weight] of weights) {
    draw -= weight;
    if (draw < 0) return kind;
  }
  return 'plain';
}

function generateOne(kind: FuzzKind, random: SeededRandom): FuzzMessage {
  switch (kind) {
    case 'plain':
      return { kind, transport: 'text', body: `job ${random.integer(0, 1e9)}` };
    case 'random-text':
      return { kind, transport: 'text', body: randomText(random, random.integer(0, 2_000)) };
    case 'random-bytes':
      return { kind, transport: 'raw', body: random.bytes(random.integer(0, 4_000)) };
    case 'invalid-utf8':
      return { kind, transport: 'raw', body: invalidUtf8(random) };
    case 'nul':
      return { kind, transport: 'text', body: withNul(random), ...(random.next() < 0.3 && { subject: `sub\0ject ${random.integer(0, 99)}` }) };
    case 'lone-surrogate':
      return { kind, transport: 'text', body: `before ${String.fromCharCode(random.integer(0xd800, 0xdfff))} after` };
    case 'nested-json':
      return { kind, transport: 'text', body: nestedJson(random) };
    case 'broken-sns':
      return { kind, transport: 'text', body: brokenSnsEnvelope(random) };
    case 'unknown-event':
      return { kind, transport: 'text', body: unknownEvent(random) };
    case 'huge-subject':
      return { kind, transport: 'text', body: 'a message with a huge subject', subject: 's'.repeat(random.integer(131_072, 400_000)) };
    case 'blank':
      return { kind, transport: 'text', body: random.pick(['', ' ', '\n', '\r\n\r\n', '\t', '\uFEFF', '\uFEFF{}', '   \n  ']) };
    case 'max-size':
    case 'over-size':
      throw new Error(`${kind} is added once by generateFuzzMessages, never drawn`);
  }
}

/** Code points from every plane, control characters and unpaired-looking text included (but well-formed). */
function randomText(random: SeededRandom, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const range = random.next();
    const codePoint =
      range < 0.5
        ? random.integer(0x20, 0x7e)
        : range < 0.6
          ? random.integer(0x00, 0x1f)
          : range < 0.85
            ? random.integer(0x80, 0xd7ff)
            : range < 0.95
              ? random.integer(0xe000, 0xfffd)
              : random.integer(0x10000, 0x10ffff);
    text += String.fromCodePoint(codePoint);
  }
  return text;
}

/** Valid text with byte sequences no UTF-8 decoder accepts spliced in. */
function invalidUtf8(random: SeededRandom): Uint8Array {
  const bad = [
    [0xc0, 0x80], // overlong NUL
    [0xed, 0xa0, 0x80], // an encoded surrogate (CESU-8)
    [0x80], // a lone continuation byte
    [0xe2, 0x82], // a truncated sequence
    [0xff],
    [0xfe, 0xff],
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  ];
  const parts: number[] = [];
  const pieces = random.integer(1, 20);
  for (let piece = 0; piece < pieces; piece += 1) {
    parts.push(...Buffer.from(randomText(random, random.integer(0, 40)), 'utf8'));
    parts.push(...random.pick(bad));
  }
  return Uint8Array.from(parts);
}

function withNul(random: SeededRandom): string {
  // Split between code points, never inside a surrogate pair.
  const characters = Array.from(randomText(random, random.integer(0, 200)));
  const at = random.integer(0, characters.length);
  return `${characters.slice(0, at).join('')}\0${characters.slice(at).join('')}${random.next() < 0.5 ? '\0\0' : ''}`;
}

/** Deeply nested arrays or objects, some dressed as an SNS envelope so that the unwrapper parses them. */
function nestedJson(random: SeededRandom): string {
  const open = random.next() < 0.5 ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  const envelope = ['{"Type":"Notification","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":', '}'] as const;
  // Mostly modest depths; now and then as deep as fits in the largest body.
  const deepest = Math.floor((maxBodyBytes - envelope.join('').length - 1) / (open.length + close.length));
  const depth = random.next() < 0.05 ? random.integer(Math.floor(deepest / 2), deepest) : random.integer(1, 5_000);
  const nested = open.repeat(depth) + '1' + close.repeat(depth);
  return random.next() < 0.5 ? `${envelope[0]}${nested}${envelope[1]}` : nested;
}

/** SNS envelopes that are almost right. */
function brokenSnsEnvelope(random: SeededRandom): string {
  const base = { Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:us-east-1:123456789012:work', Message: 'payload', Timestamp: '2026-11-23T12:00:00.000Z' };
  const variants: (() => unknown)[] = [
    () => ({ ...base, Message: random.integer(0, 1e6) }),
    () => ({ ...base, Message: null }),
    () => ({ ...base, Message: { nested: 'object' } }),
    () => ({ ...base, TopicArn: undefined }),
    () => ({ ...base, Type: 'SubscriptionConfirmation' }),
    () => ({ ...base, Subject: { not: 'a string' } }),
    () => ({ ...base, Subject: '' }),
    () => ({ ...base, Subject: 'x'.repeat(random.integer(131_072, 300_000)) }),
    () => ({ ...base, Subject: 'with\u0000nul' }),
    () => ({ ...base, Timestamp: 'not a time' }),
    () => ({ ...base, Timestamp: 1e20 }),
    () => ({ ...base, Message: 'x'.repeat(random.integer(131_073, 500_000)) }),
    () => ({ ...base, Message: 'nul\u0000inside' }),
    () => ({ ...base, Message: '' }),
    () => [base],
  ];
  const text = JSON.stringify(random.pick(variants)());
  // Some are cut short: invalid JSON that still looks like an envelope.
  return random.next() < 0.2 ? text.slice(0, random.integer(1, text.length - 1)) : text;
}

/** JSON the watcher has never heard of: other AWS services' events, scalars, arrays. */
function unknownEvent(random: SeededRandom): string {
  const events: unknown[] = [
    { Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'k', size: random.integer(0, 1e9) } } }] },
    { version: '0', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', detail: { lastStatus: 'STOPPED', containers: [{ exitCode: random.integer(0, 255) }] } },
    { AlarmName: 'a', NewStateValue: 'ALARM', Trigger: { MetricName: 'm' } },
    { Type: 'Notification' },
    { Type: 'notification', Message: 'lower-case type', TopicArn: 'arn' },
    null,
    true,
    random.next() * 1e308,
    [],
    [1, 'two', { three: [3] }],
    { '': '', '\u0000': '\u0000', ['__proto__']: 'x', constructor: { prototype: 1 } },
  ];
  return JSON.stringify(random.pick(events)) ?? 'undefined';
}
