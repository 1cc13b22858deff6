/**
 * Waiting for SIGTERM or SIGINT, for commands that run until asked to stop (`dashboard`,
 * `track`): the first signal resolves the wait, a repeated one is logged and ignored, and the
 * handlers are removed when the command ends so the process can exit.
 */

/** The signals that ask a long-running command to stop. */
export const stopSignals = ['SIGTERM', 'SIGINT'] as const;

/** A wait for the first stop signal. */
export interface StopSignalWait {
  /** Resolves with the first SIGTERM or SIGINT received. */
  readonly received: Promise<NodeJS.Signals>;
  /** Removes the handlers; call when the command ends. */
  dispose(): void;
}

/**
 * Starts listening for SIGTERM and SIGINT.
 * @param onRepeat called for every signal after the first (the command is already stopping).
 */
export function waitForStopSignal(onRepeat?: (signal: NodeJS.Signals) => void): StopSignalWait {
  let resolveReceived: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    resolveReceived = resolve;
  });
  let first = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!first) {
      onRepeat?.(signal);
      return;
    }
    first = false;
    resolveReceived(signal);
  };
  for (const signal of stopSignals) process.on(signal, onSignal);
  return {
    received,
    dispose() {
      for (const signal of stopSignals) process.off(signal, onSignal);
    },
  };
}
