import { describe, expect, it } from 'vitest';
import type { Template } from '../src/index.js';
import { findBrokenReferences, merge, template } from '../src/index.js';
import { minimalOptions } from './fixtures.js';

const targets = (template: Template): string[] => findBrokenReferences(template).map((broken) => `${broken.path} → ${broken.target}`);

describe('findBrokenReferences', () => {
  it('finds a Ref to an undefined name inside Conditions, which the AWS validator misses', () => {
    const broken = findBrokenReferences({ Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } as never }, Resources: {} });
    expect(broken).toEqual([{ path: 'Conditions.IsProd.Fn::Equals[0].Ref', target: 'Stage', message: expect.stringContaining('Ref "Stage"') as unknown as string }]);
  });

  it('refuses a condition referring to a resource: conditions see parameters and pseudo parameters only', () => {
    const broken = targets({ Conditions: { C: { 'Fn::Equals': [{ Ref: 'Queue' }, 'x'] } as never }, Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
    expect(broken).toEqual(['Conditions.C.Fn::Equals[0].Ref → Queue']);
  });

  it('accepts parameters, pseudo parameters and conditions that exist', () => {
    const ok: Template = {
      Parameters: { Stage: { Type: 'String' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } as never, NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] } as never },
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Condition: 'IsProd', Properties: { DisplayName: { 'Fn::Sub': '${AWS::StackName}-${Stage}-${!Literal}' } } },
        Queue: { Type: 'AWS::SQS::Queue', DependsOn: ['Topic'], Properties: { QueueName: { 'Fn::If': ['NotProd', { 'Fn::GetAtt': ['Topic', 'TopicName'] }, { Ref: 'AWS::NoValue' }] } } },
      },
      Outputs: { Name: { Condition: 'IsProd', Value: { 'Fn::Sub': ['${Topic.TopicName}-${Suffix}', { Suffix: { Ref: 'Stage' } }] } } },
    };
    expect(findBrokenReferences(ok)).toEqual([]);
  });

  it('finds every other kind of broken reference', () => {
    const broken = targets({
      Mappings: {},
      Resources: {
        A: {
          Type: 'AWS::SNS::Topic',
          Condition: 'Missing',
          DependsOn: 'Nope',
          Properties: {
            One: { Ref: 'Ghost' },
            Two: { 'Fn::GetAtt': ['Phantom', 'Arn'] },
            Three: { 'Fn::GetAtt': 'Spectre.Arn' },
            Four: { 'Fn::Sub': '${Wraith}-${Shade.Arn}' },
            Five: { 'Fn::If': ['Absent', 'a', 'b'] },
            Six: { 'Fn::FindInMap': ['NoMap', 'a', 'b'] },
          },
        },
      },
      Outputs: { O: { Value: { Ref: 'Gone' } } },
    });
    expect(broken).toEqual([
      'Resources.A.DependsOn → Nope',
      'Resources.A.Condition → Missing',
      'Resources.A.Properties.One.Ref → Ghost',
      'Resources.A.Properties.Two.Fn::GetAtt → Phantom',
      'Resources.A.Properties.Three.Fn::GetAtt → Spectre',
      'Resources.A.Properties.Four.Fn::Sub → Wraith',
      'Resources.A.Properties.Four.Fn::Sub → Shade.Arn',
      'Resources.A.Properties.Five.Fn::If → Absent',
      'Resources.A.Properties.Six.Fn::FindInMap → NoMap',
      'Outputs.O.Value.Ref → Gone',
    ]);
  });

  it('finds a reference the caller\'s template makes to a resource the fragment does not create', () => {
    const stack = merge(template({ ...minimalOptions, fifo: true }), { Outputs: { Topic: { Value: { Ref: 'WatchbotTopic' } } } });
    expect(targets(stack)).toEqual(['Outputs.Topic.Value.Ref → WatchbotTopic']);
  });
});
