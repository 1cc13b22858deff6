/** Amazon Resource Names: the parts Watchbot needs of a queue's or a topic's ARN. */

/** The parts of `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
  /** `aws`, `aws-cn`, `aws-us-gov` … */
  readonly partition: string;
  /** `sqs`, `sns` … */
  readonly service: string;
  /** The region, e.g. `us-east-1`. */
  readonly region: string;
  /** The 12-digit account id. */
  readonly account: string;
  /** The resource: for queues and topics, the name. */
  readonly resource: string;
}

/** Splits an ARN into its parts, or undefined when `arn` is not one (or names no region). */
export function parseArn(arn: string): ArnParts | undefined {
  const match = /^arn:([\w-]+):([\w-]+):([a-z0-9-]+):(\d{12}):(.+)$/.exec(arn);
  if (match === null) return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = match;
  return { partition, service, region, account, resource };
}

/** The region an ARN names (e.g. `us-east-1` for `arn:aws:sns:us-east-1:123456789012:alerts`), or undefined. */
export function regionFromArn(arn: string): string | undefined {
  return parseArn(arn)?.region;
}
