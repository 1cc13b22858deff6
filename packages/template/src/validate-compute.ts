/**
 * Validation of where and how big the tasks are: capacity, CPU and memory (Fargate accepts only
 * certain pairs), storage, architecture, volumes, privileges and networking. Options that one
 * capacity does not support are refused by name rather than silently dropped.
 */
import { posix } from 'node:path';
import { templateDefaults } from './defaults.js';
import { readArray, readBoolean, readChoice, readInteger, readObject, readOptionalInteger, readStringValue } from './option-readers.js';
import type { Capacity, CpuArchitecture } from './options.js';
import type { ResolvedCompute, ResolvedNetwork, ResolvedVolume } from './resolved-options.js';
import { invalidOption } from './template-error.js';

/** Fargate's task sizes: CPU units → the memory sizes (MiB) allowed with them. */
export function fargateMemoryChoicesMiB(cpu: number): number[] {
  const range = (from: number, to: number, step: number): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  switch (cpu) {
    case 256: return [512, 1024, 2048];
    case 512: return range(1024, 4096, 1024);
    case 1024: return range(2048, 8192, 1024);
    case 2048: return range(4096, 16384, 1024);
    case 4096: return range(8192, 30720, 1024);
    case 8192: return range(16384, 61440, 4096);
    case 16384: return range(32768, 122880, 8192);
    default: return [];
  }
}

const fargateCpuChoices = [256, 512, 1024, 2048, 4096, 8192, 16384];

/** Fargate's task CPU: one of its sizes. */
function readFargateCpu(value: unknown): number {
  if (value === undefined) return templateDefaults.cpu;
  if (typeof value !== 'number' || !fargateCpuChoices.includes(value)) throw invalidOption('cpu', value, `one of Fargate's CPU sizes: ${fargateCpuChoices.join(', ')}`);
  return value;
}

/** Fargate's task memory: one of the sizes allowed with `cpu`; the smallest by default. */
function readFargateMemory(cpu: number, value: unknown): number {
  const choices = fargateMemoryChoicesMiB(cpu);
  if (value === undefined) return choices[0]!;
  if (typeof value !== 'number' || !choices.includes(value)) throw invalidOption('memoryMiB', value, `with cpu ${cpu} on Fargate, one of ${choices.join(', ')} MiB`);
  return value;
}


/** Reads capacity, cpu, memoryMiB, memoryReservationMiB, ephemeralStorageGiB, cpuArchitecture, privileged. */
export function readCompute(options: Readonly<Record<string, unknown>>): ResolvedCompute {
  const capacity = readChoice<Capacity>('capacity', options.capacity, ['EC2', 'FARGATE', 'FARGATE_SPOT'], templateDefaults.capacity);
  const fargate = capacity !== 'EC2';
  const cpu = fargate ? readFargateCpu(options.cpu) : readInteger('cpu', options.cpu, { min: 0, max: 196_608, unit: 'CPU units' }, templateDefaults.cpu);
  const memoryMiB = fargate
    ? readFargateMemory(cpu, options.memoryMiB)
    : readInteger('memoryMiB', options.memoryMiB, { min: 6, max: 4_194_304, unit: 'MiB' }, templateDefaults.memoryMiB);
  const memoryReservationMiB = readOptionalInteger('memoryReservationMiB', options.memoryReservationMiB, { min: 6, max: memoryMiB, unit: 'MiB (at most memoryMiB)' });
  const ephemeralStorageGiB = readOptionalInteger('ephemeralStorageGiB', options.ephemeralStorageGiB, { min: 21, max: 200, unit: 'GiB' });
  if (ephemeralStorageGiB !== undefined && !fargate) throw invalidOption('ephemeralStorageGiB', ephemeralStorageGiB, 'no value on EC2 (task storage size is a Fargate setting)');
  const cpuArchitecture = readChoice<CpuArchitecture>('cpuArchitecture', options.cpuArchitecture, ['X86_64', 'ARM64'], templateDefaults.cpuArchitecture);
  const privileged = readBoolean('privileged', options.privileged, templateDefaults.privileged);
  if (privileged && fargate) throw invalidOption('privileged', true, `false with capacity ${capacity} (Fargate does not run privileged containers)`);
  return {
    capacity,
    cpu,
    memoryMiB,
    cpuArchitecture,
    privileged,
    ...(memoryReservationMiB !== undefined && { memoryReservationMiB }),
    ...(ephemeralStorageGiB !== undefined && { ephemeralStorageGiB }),
  };
}

/** `readonlyRootFilesystem` and `writableFilesystem`, which must agree. */
export function readFilesystem(options: Readonly<Record<string, unknown>>): { readonlyRootFilesystem: boolean; writableFilesystem: boolean } {
  const writableFilesystem = readBoolean('writableFilesystem', options.writableFilesystem, templateDefaults.writableFilesystem);
  const readonlyRootFilesystem = readBoolean('readonlyRootFilesystem', options.readonlyRootFilesystem, !writableFilesystem);
  if (readonlyRootFilesystem && writableFilesystem) throw invalidOption('readonlyRootFilesystem', true, 'false or absent when writableFilesystem is true');
  return { readonlyRootFilesystem, writableFilesystem };
}

const absolutePath = /^\/[^\0]*$/;

/** `volumes`: mounts; `/tmp` is added by the task definition and may not be listed. */
export function readVolumes(value: unknown, capacity: Capacity): ResolvedVolume[] {
  const seen = new Set<string>(['/tmp']);
  return readArray('volumes', value, 20, (path, raw) => {
    const volume = readObject(path, raw, ['containerPath', 'hostPath', 'readOnly', 'emptiedAfterEachJob']);
    const given = volume.containerPath;
    if (typeof given !== 'string' || !absolutePath.test(given) || posix.normalize(given) === '/') {
      throw invalidOption(`${path}.containerPath`, given, 'an absolute path other than /');
    }
    const containerPath = posix.normalize(given).replace(/\/+$/, '');
    if (seen.has(containerPath)) throw invalidOption(`${path}.containerPath`, given, 'a path not already mounted (/tmp always is)');
    seen.add(containerPath);
    let hostPath: string | undefined;
    if (volume.hostPath !== undefined) {
      if (capacity !== 'EC2') throw invalidOption(`${path}.hostPath`, volume.hostPath, 'no value on Fargate (only EC2 mounts host folders)');
      if (typeof volume.hostPath !== 'string' || !absolutePath.test(volume.hostPath)) throw invalidOption(`${path}.hostPath`, volume.hostPath, 'an absolute path on the host');
      hostPath = volume.hostPath;
    }
    const readOnly = readBoolean(`${path}.readOnly`, volume.readOnly, false);
    const emptiedAfterEachJob = readBoolean(`${path}.emptiedAfterEachJob`, volume.emptiedAfterEachJob, !readOnly);
    if (readOnly && emptiedAfterEachJob) throw invalidOption(`${path}.emptiedAfterEachJob`, true, 'false for a read-only volume');
    const index = Number(path.slice('volumes['.length, -1));
    return { name: `volume${index + 1}`, containerPath, readOnly, emptiedAfterEachJob, ...(hostPath !== undefined && { hostPath }) };
  });
}

/** `subnets`, `securityGroups`, `assignPublicIp`: awsvpc networking, required on Fargate. */
export function readNetwork(options: Readonly<Record<string, unknown>>, capacity: Capacity): ResolvedNetwork | undefined {
  const subnets = readArray('subnets', options.subnets, 16, (path, item) => readStringValue(path, item, /^subnet-[0-9a-f]{8,17}$/, 'a subnet id such as "subnet-0123456789abcdef0"'));
  const securityGroups = readArray('securityGroups', options.securityGroups, 5, (path, item) => readStringValue(path, item, /^sg-[0-9a-f]{8,17}$/, 'a security group id such as "sg-0123456789abcdef0"'));
  const assignPublicIp = readBoolean('assignPublicIp', options.assignPublicIp, templateDefaults.assignPublicIp);
  if (subnets.length === 0) {
    if (capacity !== 'EC2') throw invalidOption('subnets', options.subnets, `1 to 16 subnet ids: capacity ${capacity} needs awsvpc networking`);
    if (securityGroups.length > 0) throw invalidOption('securityGroups', options.securityGroups, 'no value without subnets (bridge networking has no security groups)');
    if (assignPublicIp) throw invalidOption('assignPublicIp', true, 'false without subnets');
    return undefined;
  }
  return { subnets, securityGroups, assignPublicIp };
}
