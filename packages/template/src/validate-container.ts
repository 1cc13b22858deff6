/**
 * Validation of what the container is made of: the cluster it runs on, its image, command,
 * environment and secrets. Derives the ARNs the execution role is granted, so the grant names
 * exactly what the options name.
 */
import { reservedVariables } from './defaults.js';
import { isIntrinsic, join, sub, toValue } from './intrinsic.js';
import { isPlainObject, readArray, readObject, readString, readStringValue } from './option-readers.js';
import type { ResolvedString } from './options.js';
import type { ResolvedOptions, ResolvedSecret } from './resolved-options.js';
import { invalidOption } from './template-error.js';

const clusterArnPattern = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/([A-Za-z0-9_-]{1,255})$/;
const clusterNamePattern = /^[A-Za-z0-9_-]{1,255}$/;
/** ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPOSITORY[:TAG|@DIGEST] */
const ecrUriPattern = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*)(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})?$/;
const imageUriPattern = /^[^\s]{1,1024}$/;
const repositoryPattern = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const variablePattern = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const ssmArnPattern = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/.+$/;
const ssmNamePattern = /^\/?[A-Za-z0-9_.\-/]{1,2047}$/;
const secretArnPattern = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const kmsKeyArnPattern = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** `cluster`: a name, an ARN, or an intrinsic yielding the name. */
export function readCluster(value: unknown): ResolvedOptions['cluster'] {
  const allowed = 'an ECS cluster name (letters, digits, - and _, up to 255) or cluster ARN';
  const cluster = readStringValue('cluster', value, /./, allowed);
  if (typeof cluster !== 'string') {
    return { name: cluster, arn: sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/${ClusterName}', { ClusterName: cluster }) };
  }
  const fromArn = clusterArnPattern.exec(cluster);
  if (fromArn !== null) return { name: fromArn[1]!, arn: cluster };
  if (!clusterNamePattern.test(cluster)) throw invalidOption('cluster', value, allowed);
  return { name: cluster, arn: sub(`arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:cluster/${cluster}`) };
}

/** `image`: a URI (or intrinsic), or `{ repository, tag }` of this account's ECR. */
export function readImage(value: unknown): ResolvedOptions['image'] {
  if (isPlainObject(value) && !isIntrinsic(value)) {
    const image = readObject('image', value, ['repository', 'tag']);
    const repository = readStringValue('image.repository', image.repository, repositoryPattern, 'an ECR repository name such as "my-team/worker"');
    const tag = readStringValue('image.tag', image.tag, tagPattern, 'an image tag: letters, digits, _ . -, up to 128, such as a git sha');
    const vars = { Repository: repository, Tag: tag };
    return {
      uri: sub('${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repository}:${Tag}', vars),
      ecrRepositoryArn: sub('arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/${Repository}', { Repository: repository }),
    };
  }
  const uri = readStringValue('image', value, imageUriPattern, 'an image URI, or {"repository": "…", "tag": "…"} for this account\'s ECR');
  if (typeof uri !== 'string') {
    // The URI is only known at deploy time: allow pulls from this account's ECR in this region.
    return { uri, ecrRepositoryArn: sub('arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*') };
  }
  const ecr = ecrUriPattern.exec(uri);
  if (ecr === null) return { uri };
  return { uri, ecrRepositoryArn: sub(`arn:\${AWS::Partition}:ecr:${ecr[2]!}:${ecr[1]!}:repository/${ecr[3]!}`) };
}

/** `command`: one non-empty command line, or non-empty words. */
export function readCommand(value: unknown): string[] {
  const allowed = 'the worker command: a non-empty string, or a list of non-empty strings';
  if (typeof value === 'string' && value.trim() !== '' && !value.includes('\0')) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((word) => typeof word === 'string' && word !== '' && !word.includes('\0'))) {
    return value as string[];
  }
  throw invalidOption('command', value, allowed);
}

/** A variable name that is valid and not one Watchbot sets. */
function readVariableName(path: string, name: string): string {
  if (!variablePattern.test(name)) throw invalidOption(path, name, 'a variable name: letters, digits and _, not starting with a digit');
  if ((reservedVariables as readonly string[]).includes(name)) {
    throw invalidOption(path, name, `a name Watchbot does not set itself (not ${reservedVariables.join(', ')})`);
  }
  return name;
}

/** `environment`: names to strings or intrinsics. */
export function readEnvironment(value: unknown): Record<string, ResolvedString> {
  if (value === undefined) return {};
  if (!isPlainObject(value) || isIntrinsic(value)) throw invalidOption('environment', value, 'an object of variable names to strings');
  const environment: Record<string, ResolvedString> = {};
  for (const [name, raw] of Object.entries(value)) {
    readVariableName(`environment.${name}`, name);
    if (typeof raw !== 'string' && !isIntrinsic(raw)) throw invalidOption(`environment.${name}`, raw, 'a string, or an intrinsic function');
    environment[name] = toValue(raw);
  }
  return environment;
}

/** `secrets`: names to an SSM parameter or a Secrets Manager secret. */
export function readSecrets(value: unknown, environment: Readonly<Record<string, unknown>>): ResolvedSecret[] {
  if (value === undefined) return [];
  if (!isPlainObject(value) || isIntrinsic(value)) throw invalidOption('secrets', value, 'an object of variable names to {"ssmParameter": …} or {"secretsManagerSecret": …}');
  return Object.entries(value).map(([name, raw]) => {
    const path = `secrets.${name}`;
    readVariableName(path, name);
    if (name in environment) throw invalidOption(path, name, 'a name not also in environment');
    if (isPlainObject(raw) && 'ssmParameter' in raw) return readSsmSecret(path, name, raw);
    if (isPlainObject(raw) && 'secretsManagerSecret' in raw) return readSecretsManagerSecret(path, name, raw);
    throw invalidOption(path, raw, '{"ssmParameter": NAME_OR_ARN} or {"secretsManagerSecret": ARN, "jsonKey"?, "versionStage"?, "versionId"?}');
  });
}

function readSsmSecret(path: string, name: string, raw: Readonly<Record<string, unknown>>): ResolvedSecret {
  const secret = readObject(path, raw, ['ssmParameter']);
  const allowed = 'an SSM parameter ARN, or a parameter name such as "/my-service/db-password"';
  const parameter = readStringValue(`${path}.ssmParameter`, secret.ssmParameter, /./, allowed);
  if (typeof parameter !== 'string' || ssmArnPattern.test(parameter)) return { name, service: 'ssm', valueFrom: parameter, arn: parameter };
  if (!ssmNamePattern.test(parameter)) throw invalidOption(`${path}.ssmParameter`, parameter, allowed);
  // The ARN of "/a/b" is …:parameter/a/b and of "a" is …:parameter/a: one slash either way.
  const arn = sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${parameter.replace(/^\//, '')}`);
  return { name, service: 'ssm', valueFrom: arn, arn };
}

function readSecretsManagerSecret(path: string, name: string, raw: Readonly<Record<string, unknown>>): ResolvedSecret {
  const secret = readObject(path, raw, ['secretsManagerSecret', 'jsonKey', 'versionStage', 'versionId']);
  const arn = readStringValue(`${path}.secretsManagerSecret`, secret.secretsManagerSecret, secretArnPattern, 'the secret\'s complete ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX)');
  const part = (key: 'jsonKey' | 'versionStage' | 'versionId'): string =>
    secret[key] === undefined ? '' : readString(`${path}.${key}`, secret[key], /^[A-Za-z0-9_.+=@/-]{1,256}$/, 'letters, digits and _ . + = @ / -, up to 256');
  const [jsonKey, versionStage, versionId] = [part('jsonKey'), part('versionStage'), part('versionId')];
  if (versionStage !== '' && versionId !== '') throw invalidOption(`${path}.versionId`, versionId, 'no versionId when versionStage is given (ECS takes one of them)');
  if (jsonKey === '' && versionStage === '' && versionId === '') return { name, service: 'secretsmanager', valueFrom: arn, arn };
  // ECS's form: ARN:json-key:version-stage:version-id, empty fields left empty.
  const valueFrom = typeof arn === 'string' ? `${arn}:${jsonKey}:${versionStage}:${versionId}` : join(':', [arn, jsonKey, versionStage, versionId]);
  return { name, service: 'secretsmanager', valueFrom, arn };
}

/** `secretsKmsKeyArns`: KMS key ARNs. */
export function readKmsKeyArns(value: unknown): ResolvedString[] {
  return readArray('secretsKmsKeyArns', value, 20, (path, item) => readStringValue(path, item, kmsKeyArnPattern, 'a KMS key ARN'));
}
