import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

const options = {
  serviceName: 'thumbnailer',
  cluster: 'production',
  image: { repository: 'thumbnailer', tag: 'v1' },
  command: './worker.sh',
  subnets: ['subnet-0123456789abcdef0'],
};

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'watchbot-template-'));
  writeFileSync(join(dir, 'watchbot.config.json'), JSON.stringify(options));
  writeFileSync(join(dir, 'watchbot.config.yaml'), 'serviceName: thumbnailer\ncluster: production\nimage: {repository: thumbnailer, tag: v1}\ncommand: ./worker.sh\ncapacity: EC2\n');
  writeFileSync(join(dir, 'bad-concurrency.json'), JSON.stringify({ ...options, concurrency: 0 }));
  writeFileSync(join(dir, 'broken.json'), '{"serviceName": ');
});

describe('watchbot template', () => {
  it('prints the full template as JSON for a JSON config', async () => {
    const io = captureIo(dir);
    expect(await main(['template', '--config', 'watchbot.config.json'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as { AWSTemplateFormatVersion: string; Description: string; Resources: Record<string, unknown>; Outputs: Record<string, unknown> };
    expect(printed.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(printed.Description).toContain('thumbnailer');
    expect(Object.keys(printed.Resources)).toEqual(expect.arrayContaining(['WatchbotQueue', 'WatchbotService', 'WatchbotTaskDefinition']));
    expect(printed.Outputs.WatchbotQueueUrl).toBeDefined();
    expect(io.err()).toBe('');
  });

  it('prints YAML with --format yaml, and reads a YAML config', async () => {
    const io = captureIo(dir);
    expect(await main(['template', '--config', 'watchbot.config.yaml', '--format', 'yaml'], io)).toBe(0);
    expect(io.out()).toMatch(/^AWSTemplateFormatVersion: 2010-09-09\n/);
    expect(io.out()).toMatch(/\n {2}WatchbotService:\n {4}Type: AWS::ECS::Service\n/);
    expect(io.out()).toContain('LaunchType: EC2');
    expect(io.out()).toContain('Fn::GetAtt:');
  });

  it('reads the config from standard input with --config -', async () => {
    const io = captureIo(dir, {}, JSON.stringify(options));
    expect(await main(['template', '--config', '-'], io)).toBe(0);
    expect(JSON.parse(io.out())).toHaveProperty('Resources.WatchbotQueue');
  });

  it('reports a bad option in one line naming the file, the option, the value and what is allowed, and exits 2', async () => {
    const io = captureIo(dir);
    expect(await main(['template', '--config', 'bad-concurrency.json'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('watchbot: bad-concurrency.json: concurrency: 0 is not valid; expected a whole number from 1 to 1000');
    expect(io.out()).toBe('');
  });

  it('reports a config that does not parse in one line, and exits 2', async () => {
    const io = captureIo(dir);
    expect(await main(['template', '--config', 'broken.json'], io)).toBe(2);
    expect(io.err()).toMatch(/^watchbot: broken\.json: not valid JSON: .+\nRun 'watchbot template --help' for usage\.\n$/);
  });

  it('reports a missing file, a missing --config and a bad --format as usage errors', async () => {
    const missing = captureIo(dir);
    expect(await main(['template', '--config', 'nope.json'], missing)).toBe(2);
    expect(missing.err().split('\n')[0]).toBe('watchbot: --config: cannot read "nope.json": no such file');
    const absent = captureIo(dir);
    expect(await main(['template'], absent)).toBe(2);
    expect(absent.err().split('\n')[0]).toContain('--config is required');
    const format = captureIo(dir);
    expect(await main(['template', '--config', 'watchbot.config.json', '--format', 'xml'], format)).toBe(2);
    expect(format.err().split('\n')[0]).toBe('watchbot: --format: "xml" is not valid; expected json or yaml');
  });

  it('prints help with examples', async () => {
    const io = captureIo(dir);
    expect(await main(['template', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--config');
    expect(io.out()).toContain('Examples:');
  });
});
