/**
 * The AWS SDK's DynamoDB client, loaded on first use: the SDK costs tens of ms of start-up,
 * which a watcher on the embedded queue (SQLite history) never needs to pay.
 */
import type * as DynamoSdk from '@aws-sdk/client-dynamodb';

/** The `@aws-sdk/client-dynamodb` module. */
export type DynamoSdkModule = typeof DynamoSdk;

let loading: Promise<DynamoSdkModule> | undefined;

/** The SDK module, imported once. */
export function loadDynamoSdk(): Promise<DynamoSdkModule> {
  loading ??= import('@aws-sdk/client-dynamodb');
  return loading;
}
