/** Once per run: the CLI must be built, and the report starts empty with this run's seed. */
import { assertCliBuilt } from '../src/watchbot-process.js';
import { resetFaultReport } from '../src/fault-report.js';
import { readFaultSeed } from '../src/seeded-random.js';

export default function setup(): void {
  assertCliBuilt();
  resetFaultReport(readFaultSeed());
}
