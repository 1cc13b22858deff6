/** A fresh temporary folder per scenario, removed afterwards (kept when FAULTS_KEEP=1, for a post-mortem). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scenario's folder. */
export interface ScenarioDir {
  readonly path: string;
  /** A path inside the folder. */
  file(name: string): string;
  /** Removes the folder, unless FAULTS_KEEP=1. */
  remove(): void;
}

/** Creates `watchbot-faults-<name>-XXXXXX` under the system's temporary folder. */
export function createScenarioDir(name: string): ScenarioDir {
  const path = mkdtempSync(join(tmpdir(), `watchbot-faults-${name}-`));
  return {
    path,
    file: (file) => join(path, file),
    remove: () => {
      if (process.env['FAULTS_KEEP'] === '1') console.log(`kept ${path}`);
      else rmSync(path, { recursive: true, force: true });
    },
  };
}
