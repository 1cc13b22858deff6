/** The default runner: the user's command in a shell, one process group per message. */
import type { Runner } from './ports/runner.js';
import type { SubprocessRunnerOptions } from './subprocess-runner-options.js';

/** Creates the subprocess runner. */
export function createSubprocessRunner(options: SubprocessRunnerOptions): Runner {
  throw new Error(`not implemented yet: ${options.command}`);
}
