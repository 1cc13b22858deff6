/** After each test: no watcher it started may outlive it, passed or failed. */
import { afterEach } from 'vitest';
import { killRunningWatchbots } from '../src/index.js';

afterEach(() => {
  const killed = killRunningWatchbots();
  if (killed > 0) console.log(`killed ${killed} watchbot process(es) the test left running`);
});
