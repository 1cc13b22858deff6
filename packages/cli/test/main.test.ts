import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { version } from '../src/version.js';
import { captureIo } from './capture-io.js';

describe('main', () => {
  it('prints the package version with --version and exits 0', async () => {
    const io = captureIo('/nonexistent');
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${version}\n`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists every command with --help', async () => {
    const io = captureIo('/nonexistent');
    expect(await main(['--help'], io)).toBe(0);
    for (const command of ['run', 'send', 'status', 'dead-letter', 'listen', 'progress', 'jobs', 'track', 'dashboard', 'template']) expect(io.out()).toContain(`watchbot ${command}`);
  });

  it.each(['run', 'send', 'status', 'listen', 'track', 'dashboard'])('prints help with examples for %s --help and exits 0', async (command) => {
    const io = captureIo('/nonexistent');
    expect(await main([command, '--help'], io)).toBe(0);
    expect(io.out()).toContain('Examples:');
    expect(io.err()).toBe('');
  });

  it('documents every listen variable in listen --help', async () => {
    const io = captureIo('/nonexistent');
    await main(['listen', '--help'], io);
    for (const name of ['QueueUrl', 'maxJobDuration', 'Volumes', 'structuredLogging', 'writableFilesystem', 'Fifo', 'concurrency', 'WorkTopic', 'LogGroup']) {
      expect(io.out()).toContain(name);
    }
  });

  it('reports a usage error in one line plus a hint for the command, and exits 2', async () => {
    const io = captureIo('/nonexistent');
    expect(await main(['status', '--nope'], io)).toBe(2);
    expect(io.err()).toBe("watchbot: unknown option: --nope\nRun 'watchbot status --help' for usage.\n");
    expect(io.out()).toBe('');
  });

  it('names several unknown flags at once', async () => {
    const io = captureIo('/nonexistent');
    expect(await main(['status', '--one', '--two=2'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('watchbot: unknown options: --one, --two');
  });

  it('takes the last value when a flag is given twice', async () => {
    const io = captureIo('/nonexistent');
    expect(await main(['run', '--concurrency', '2', '--concurrency', 'x', '--', 'true'], io)).toBe(2);
    expect(io.err()).toMatch(/^watchbot: --concurrency: "x" is not valid/);
  });
});
