/**
 * The parts of cloudform-types this package uses, imported from their own modules.
 *
 * Why deep imports: cloudform-types' index loads every AWS service's classes (~600 ms on a cold
 * start); these ten services load in ~55 ms, which matters to `watchbot template` and to any
 * infrastructure script that imports us. cloudform-types has no `exports` map, so the paths are
 * public. It is generated from the CloudFormation spec of Nov 2023: properties added since are
 * set through casts, each marked where it happens.
 */
export { ApiGateway } from 'cloudform-types/types/apiGateway/index.namespace.js';
export { ApplicationAutoScaling } from 'cloudform-types/types/applicationAutoScaling/index.namespace.js';
export { CloudWatch } from 'cloudform-types/types/cloudWatch/index.namespace.js';
export { DynamoDB } from 'cloudform-types/types/dynamoDb/index.namespace.js';
export { ECS } from 'cloudform-types/types/ecs/index.namespace.js';
export { Events } from 'cloudform-types/types/events/index.namespace.js';
export { IAM } from 'cloudform-types/types/iam/index.namespace.js';
export { Logs } from 'cloudform-types/types/logs/index.namespace.js';
export { SNS } from 'cloudform-types/types/sns/index.namespace.js';
export { SQS } from 'cloudform-types/types/sqs/index.namespace.js';
export { GetAtt, Ref } from 'cloudform-types/types/functions.js';
export { IntrinsicFunction } from 'cloudform-types/types/dataTypes.js';
export type { List, Value } from 'cloudform-types/types/dataTypes.js';
import type * as OutputModule from 'cloudform-types/types/output.js';
import type * as ResourceModule from 'cloudform-types/types/resource.js';
import type * as TemplateModule from 'cloudform-types/types/template.js';

// These modules are CommonJS with `export default interface`: from ESM their default export is
// reached through the module object.
/** A template output. */
export type Output = OutputModule.default;
/** A template resource. */
export type Resource = ResourceModule.default;
/** A whole template, every section optional. */
export type Template = TemplateModule.default;
