import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DashboardError, isDashboardError, isLoopbackHost, startDashboard } from '../src/index.js';
import type { DashboardOptions } from '../src/index.js';

const sources = { queueLabel: 'q', getCounts: async () => ({ visible: 0, inFlight: 0, delayed: 0 }) };

async function startError(options: Partial<DashboardOptions>): Promise<DashboardError> {
  try {
    const dashboard = await startDashboard({ sources, ...options });
    await dashboard.close();
  } catch (error) {
    if (isDashboardError(error)) return error;
    throw error;
  }
  throw new Error('the dashboard started');
}

describe('startDashboard', () => {
  it('listens on 127.0.0.1 on a free port by default and closes', async () => {
    const dashboard = await startDashboard({ sources });
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/`);
    expect((await fetch(dashboard.url)).status).toBe(200);
    await dashboard.close();
    await expect(fetch(dashboard.url)).rejects.toThrow();
  });

  it('refuses to listen beyond loopback without a token', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      const error = await startError({ host });
      expect(error.code, host).toBe('TOKEN_REQUIRED');
      expect(error.message, host).toBe(
        `host: ${JSON.stringify(host)} is not a loopback address; listening there requires a token (at least 16 characters), or use 127.0.0.1`,
      );
    }
  });

  it('listens on every address with a token', async () => {
    const dashboard = await startDashboard({ sources, host: '0.0.0.0', token: 'a-long-enough-token' });
    expect(dashboard.url).toBe(`http://0.0.0.0:${dashboard.port}/`);
    expect((await fetch(`http://127.0.0.1:${dashboard.port}/api/summary`)).status).toBe(401);
    await dashboard.close();
  });

  it('names the bad option, the value and what is allowed', async () => {
    const cases: [Partial<DashboardOptions>, string][] = [
      [{ port: 70_000 }, 'port: 70000 is not valid; expected a whole number from 0 to 65,535'],
      [{ port: 1.5 }, 'port: 1.5 is not valid; expected a whole number from 0 to 65,535'],
      [{ sampleIntervalMs: 10 }, 'sampleIntervalMs: 10 is not valid; expected a whole number from 100 to 60,000'],
      [{ historyPoints: 1 }, 'historyPoints: 1 is not valid; expected a whole number from 2 to 10,000'],
      [{ statsWindowMs: 0 }, 'statsWindowMs: 0 is not valid; expected a whole number from 1,000 to 86,400,000'],
      [{ host: '' }, 'host: "" is not valid; expected a host name or IP address'],
      [{ token: 'short' }, 'token: the value given is not valid; expected at least 16 printable ASCII characters without spaces (e.g. from `openssl rand -hex 16`)'],
      [{ token: 'has a space in it, long' }, 'token: the value given is not valid; expected at least 16 printable ASCII characters without spaces (e.g. from `openssl rand -hex 16`)'],
    ];
    for (const [options, message] of cases) {
      const error = await startError(options);
      expect(error.code, message).toBe('INVALID_OPTION');
      expect(error.message).toBe(message);
    }
  });

  it('says which port is taken when it cannot listen', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startError({ port });
      expect(error.code).toBe('LISTEN_FAILED');
      expect(error.message).toBe(`port: ${port} is already in use on 127.0.0.1; choose another port, or 0 for any free one`);
    } finally {
      blocker.close();
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
