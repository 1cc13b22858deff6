/**
 * @watchbot/template — a whole Watchbot stack as typed CloudFormation (cloudform-types): the
 * queue, topics, task definition, service, scaling, alarms, dashboard and optional tables,
 * event rule and webhook, from one validated options object; plus `merge` to combine it with
 * your own template and `toJson` / `toYaml` to print it. Depends on no other Watchbot package.
 */

// Building
export { template } from './template.js';
export type { WatchbotRefs, WatchbotTemplate } from './template.js';
export { validateOptions, optionNames } from './validate-options.js';
export { templateDefaults, alarmDefaults, logRetentionDayValues, reservedVariables } from './defaults.js';
export type {
  AlarmSettings,
  AlarmsOption,
  Capacity,
  CpuArchitecture,
  ImageOption,
  JobTrackingOption,
  TaskModeOption,
  NotificationsOption,
  PlainIntrinsic,
  PolicyStatementOption,
  SecretOption,
  StringValue,
  VolumeOption,
  WatchbotOptions,
  WebhookOption,
} from './options.js';
export type { AlarmName, ResolvedAlarm, ResolvedOptions } from './resolved-options.js';

// Combining and printing
export type { Output, Resource, Template } from './cloudform.js';
export { merge } from './merge.js';
export type { MergeInput } from './merge.js';
export { toJson, toPlainTemplate, toYaml } from './serialize.js';
export { parseConfig } from './parse-config.js';
export { findBrokenReferences } from './check-references.js';
export type { BrokenReference } from './check-references.js';

// What the stack is made of, for tools and tests
export { planScaleOutSteps } from './scaling-steps.js';
export type { ScaleOutStep } from './scaling-steps.js';
export { fargateMemoryChoicesMiB } from './validate-compute.js';
export { containerName, stopTimeoutMarginSeconds } from './task-definition.js';
export { workerContainerName } from './validate-task-mode.js';
export { taskModeStartedBy } from './task-events.js';
export { outputNames } from './outputs.js';
export type { OutputName } from './outputs.js';
export { tableSchemas } from './tables.js';
export { watcherQueueActions, progressTableActions, jobTableActions } from './roles.js';
export type { LogicalIds, LogicalName } from './logical-ids.js';

// Errors
export { TemplateError, isTemplateError, templateErrorCodes } from './template-error.js';
export type { TemplateErrorCode } from './template-error.js';
