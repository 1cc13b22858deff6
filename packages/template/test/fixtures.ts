/** Options and helpers shared by the tests. */
import type { Template, WatchbotOptions } from '../src/index.js';
import { merge, template, toPlainTemplate } from '../src/index.js';

/** The smallest valid options: what every stack needs (Fargate needs subnets). */
export const minimalOptions = {
  serviceName: 'demo',
  cluster: 'default',
  image: { repository: 'demo-worker', tag: 'v1' },
  command: './worker.sh',
  subnets: ['subnet-0123456789abcdef0'],
} as const satisfies WatchbotOptions;

/** A resource of a rendered template, as plain JSON. */
export interface PlainResource {
  readonly Type: string;
  readonly Properties: Record<string, any>;
  readonly DependsOn?: string | string[];
}

/** The template for `options` (over the minimal ones) as plain JSON resources. */
export function render(options: Partial<WatchbotOptions> & Record<string, unknown> = {}): { resources: Record<string, PlainResource>; outputs: Record<string, any> } {
  const plain = toPlainTemplate(template({ ...minimalOptions, ...options } as WatchbotOptions));
  return { resources: plain.Resources as Record<string, PlainResource>, outputs: (plain.Outputs ?? {}) as Record<string, any> };
}

/** A full template (format version and description) for `options`. */
export function renderStack(options: WatchbotOptions): Template {
  return merge({ AWSTemplateFormatVersion: '2010-09-09', Description: `Watchbot: ${options.serviceName}` }, template(options));
}

/** The policy statements of a role in plain resources. */
export function statementsOf(resources: Record<string, PlainResource>, roleId: string): Record<string, any>[] {
  const policies = resources[roleId]!.Properties.Policies as { PolicyDocument: { Statement: Record<string, any>[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

/** Resources of one CloudFormation type. */
export function ofType(resources: Record<string, PlainResource>, type: string): [string, PlainResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}
