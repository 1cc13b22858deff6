import { describe, expect, it } from 'vitest';
import { Ref } from 'cloudform-types/types/functions.js';
import { findBrokenReferences, isTemplateError, merge, template, toPlainTemplate } from '../src/index.js';
import { minimalOptions } from './fixtures.js';

function duplicateError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isTemplateError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('merge did not refuse');
}

describe('merge', () => {
  it('combines the sections of fragments and the caller own template', () => {
    const merged = merge(
      { AWSTemplateFormatVersion: '2010-09-09', Description: 'mine', Parameters: { GitSha: { Type: 'String' } } },
      template(minimalOptions),
      { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } }, Outputs: { BucketName: { Value: { Ref: 'Bucket' } } }, Conditions: { Prod: { 'Fn::Equals': ['a', 'a'] } as never } },
    );
    const plain = toPlainTemplate(merged);
    expect(plain.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(plain.Description).toBe('mine');
    expect(Object.keys(plain.Parameters as object)).toEqual(['GitSha']);
    expect(Object.keys(plain.Resources as object)).toContain('WatchbotQueue');
    expect(Object.keys(plain.Resources as object)).toContain('Bucket');
    expect(Object.keys(plain.Outputs as object)).toEqual(expect.arrayContaining(['WatchbotQueueUrl', 'BucketName']));
    expect(Object.keys(plain.Conditions as object)).toEqual(['Prod']);
  });

  it('leaves template() refs out of the merged template', () => {
    expect(Object.keys(merge(template(minimalOptions)))).toEqual(['Resources', 'Outputs']);
  });

  it('refuses a resource id defined twice, naming the id and both places', () => {
    const error = duplicateError(() => merge(template(minimalOptions), { Resources: { WatchbotQueue: { Type: 'AWS::SQS::Queue' } } }));
    expect(error.code).toBe('DUPLICATE_LOGICAL_ID');
    expect(error.message).toBe('merge: logical id "WatchbotQueue" is defined twice: in Resources of input 1 and in Resources of input 2');
  });

  it('refuses two Watchbot stacks with the same prefix, and accepts them with different prefixes', () => {
    expect(duplicateError(() => merge(template(minimalOptions), template({ ...minimalOptions, serviceName: 'other' }))).code).toBe('DUPLICATE_LOGICAL_ID');
    const both = merge(template(minimalOptions), template({ ...minimalOptions, serviceName: 'other', prefix: 'Other' }));
    expect(Object.keys(both.Resources!)).toEqual(expect.arrayContaining(['WatchbotQueue', 'OtherQueue']));
  });

  it('refuses an output defined twice', () => {
    const error = duplicateError(() => merge({ Outputs: { Url: { Value: 'a' } } }, { Outputs: { Url: { Value: 'b' } } }));
    expect(error.message).toContain('"Url" is defined twice');
  });

  it('refuses a parameter named like a resource, since Ref could mean either', () => {
    const error = duplicateError(() => merge({ Parameters: { WatchbotQueue: { Type: 'String' } } }, template(minimalOptions)));
    expect(error.message).toBe('merge: logical id "WatchbotQueue" is defined twice: in Parameters of input 1 and in Resources of input 2');
  });

  it('allows the same name in different namespaces (a condition and a resource)', () => {
    expect(() => merge({ Conditions: { Thing: { 'Fn::Equals': ['a', 'b'] } as never } }, { Resources: { Thing: { Type: 'AWS::SNS::Topic' } } })).not.toThrow();
  });

  it('refuses conflicting format versions and unknown sections', () => {
    expect(duplicateError(() => merge({ AWSTemplateFormatVersion: '2010-09-09' }, { AWSTemplateFormatVersion: '2011-01-01' })).code).toBe('INVALID_INPUT');
    expect(duplicateError(() => merge({ Resorces: {} } as never)).message).toContain('unknown section "Resorces"');
    expect(duplicateError(() => merge(null as never)).message).toBe('merge: input 1 is not a template object');
  });

  it('joins transforms without repeating them', () => {
    expect(merge({ Transform: 'AWS::Serverless-2016-10-31' }, { Transform: ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions'] }).Transform).toEqual([
      'AWS::Serverless-2016-10-31',
      'AWS::LanguageExtensions',
    ]);
  });

  it('merges the example of docs/building-a-template.md with every reference resolved', () => {
    const watchbot = template({
      serviceName: 'thumbnailer',
      cluster: 'production',
      image: { repository: 'thumbnailer', tag: Ref('GitSha') },
      command: './worker.sh',
      subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
      concurrency: 4,
      maxTasks: 20,
      notifications: { email: 'oncall@example.com' },
      permissions: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }],
    });
    const mine = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'Thumbnails for uploads',
      Parameters: { GitSha: { Type: 'String' } },
      Resources: {
        PublishThumbnailWork: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: watchbot.refs.workTopic }] } },
        },
      },
    };
    expect(findBrokenReferences(merge(mine, watchbot))).toEqual([]);
  });
});
