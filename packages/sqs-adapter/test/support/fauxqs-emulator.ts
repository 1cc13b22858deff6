/** The shared SQS/SNS emulator fixture lives in @watchbot/testing; this re-export keeps test imports short. */
export { startSqsEmulator as startEmulator, testCredentials } from '@watchbot/testing';
export type { SqsEmulator as Emulator, TestClientOptions } from '@watchbot/testing';
