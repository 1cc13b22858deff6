/** The top-level sections of a CloudFormation template, in the order templates list them. */

/** Sections whose entries are named by logical ids (or, for Metadata and Rules, by keys). */
export const namedSections = ['Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs'] as const;

/** Every section a template may have, in canonical order. */
export const templateSections = ['AWSTemplateFormatVersion', 'Description', 'Transform', ...namedSections] as const;

/** One of {@link templateSections}. */
export type TemplateSection = (typeof templateSections)[number];

/** The pseudo parameters `Ref` and `Fn::Sub` may name. */
export const pseudoParameters = [
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
] as const;
