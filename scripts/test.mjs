// `npm test`: build, check the package layering, run every package's tests, and print the
// total from the test reports as one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { printSummary } from './test-summary.mjs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const step = (command, args) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

rmSync('test-results', { recursive: true, force: true });
let status = step('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
if (status === 0) status = step('npx', ['depcruise', 'packages', 'apps', '--config', '.dependency-cruiser.cjs']);
if (status === 0) status = step('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue']);
const failed = printSummary();
process.exit(status !== 0 || failed > 0 ? 1 : 0);
