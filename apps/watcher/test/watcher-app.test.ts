import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { version } from '@watchbot/cli';
import { startWatcherApp } from '../src/index.js';

describe('the watcher app', () => {
  it('is the watchbot CLI: --version prints the CLI version', async () => {
    let out = '';
    const status = await startWatcherApp(['--version'], { cwd: '/', env: {}, stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true } });
    expect(status).toBe(0);
    expect(out).toBe(`${version}\n`);
  });

  it('exits 2 with one line when listen is started without QueueUrl', () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const result = spawnSync(process.execPath, [main, 'listen', 'true'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^watchbot: QueueUrl is not set/);
  });
});
