/**
 * Type tests: what the options type accepts and refuses at compile time. `tsc --noEmit`
 * (npm run typecheck) checks the @ts-expect-error lines; at run time each case still builds
 * or throws as the comment says, so a type that loosened by accident shows up twice.
 */
// cloudform-types' own index ships a .ts file that strict ESM settings refuse: import the functions' module.
import { GetAtt, Ref } from 'cloudform-types/types/functions.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Capacity, ImageOption, SecretOption, StringValue, Template, WatchbotOptions, WatchbotRefs, WatchbotTemplate } from '../src/index.js';
import { merge, optionNames, template } from '../src/index.js';
import { minimalOptions } from './fixtures.js';

describe('WatchbotOptions', () => {
  it('requires exactly serviceName, cluster, image and command', () => {
    type Required = { [K in keyof WatchbotOptions]-?: undefined extends WatchbotOptions[K] ? never : K }[keyof WatchbotOptions];
    expectTypeOf<Required>().toEqualTypeOf<'serviceName' | 'cluster' | 'image' | 'command'>();
  });

  it('accepts cloudform-types intrinsics and plain JSON intrinsics wherever a value may be computed', () => {
    const options: WatchbotOptions = {
      ...minimalOptions,
      cluster: Ref('Cluster'),
      image: { repository: 'worker', tag: Ref('GitSha') },
      subnets: [{ 'Fn::ImportValue': 'private-subnet' }, Ref('Subnet')],
      environment: { BUCKET: { Ref: 'Bucket' } },
    };
    expectTypeOf(options.cluster).toEqualTypeOf<StringValue>();
    expect(() => template(options)).not.toThrow();
  });

  it('lists every option in optionNames, which the validator accepts', () => {
    expectTypeOf<Exclude<keyof WatchbotOptions, (typeof optionNames)[number]>>().toEqualTypeOf<never>();
    expectTypeOf<(typeof optionNames)[number]>().toEqualTypeOf<keyof WatchbotOptions>();
  });

  it('narrows capacity, architecture and secrets to their allowed forms', () => {
    expectTypeOf<Capacity>().toEqualTypeOf<'EC2' | 'FARGATE' | 'FARGATE_SPOT'>();
    expectTypeOf<{ ssmParameter: string }>().toMatchTypeOf<SecretOption>();
    expectTypeOf<{ secretsManagerSecret: string; jsonKey: string }>().toMatchTypeOf<SecretOption>();
    expectTypeOf<{ repository: string; tag: string }>().toMatchTypeOf<ImageOption>();
  });

  it('refuses misuse at compile time', () => {
    // @ts-expect-error capacity is one of three names
    const badCapacity: WatchbotOptions = { ...minimalOptions, capacity: 'LAMBDA' };
    // @ts-expect-error concurrency is a number, not text
    const badConcurrency: WatchbotOptions = { ...minimalOptions, concurrency: '4' };
    // @ts-expect-error options have no such key (a typo)
    const typo: WatchbotOptions = { ...minimalOptions, concurrancy: 4 };
    // @ts-expect-error a secret names its store
    const badSecret: WatchbotOptions = { ...minimalOptions, secrets: { TOKEN: '/my/parameter' } };
    // @ts-expect-error an alarm is settings or false, not true
    const badAlarm: WatchbotOptions = { ...minimalOptions, alarms: { workerErrors: true } };
    // @ts-expect-error the image is a URI or { repository, tag }
    const badImage: WatchbotOptions = { ...minimalOptions, image: { repository: 'worker' } };
    // @ts-expect-error serviceName is required
    const noName: WatchbotOptions = { cluster: 'default', image: 'worker:1', command: './run' };
    for (const options of [badCapacity, badConcurrency, typo, badSecret, badAlarm, badImage, noName]) {
      expect(() => template(options)).toThrow();
    }
  });
});

describe('template() and merge()', () => {
  it('returns cloudform-types resources and outputs with refs, which merge accepts', () => {
    const stack = template(minimalOptions);
    expectTypeOf(stack).toEqualTypeOf<WatchbotTemplate>();
    expectTypeOf(stack.refs).toEqualTypeOf<WatchbotRefs>();
    expectTypeOf(stack.refs.workTopic).toMatchTypeOf<object | undefined>();
    const merged = merge(stack, { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: GetAtt('Other', 'Name') } } } });
    expectTypeOf(merged).toEqualTypeOf<Template>();
    expect(merged.Resources).toBeDefined();
  });
});
