// Adds up the vitest JSON reports in test-results/ (one per package) into one plain line,
// "N passed, N failed[, N skipped]", so CI shows how many tests really ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const resultsFolder = 'test-results';

/** Every package folder with a test script; each must leave a report. */
function packagesWithTests() {
  return ['packages', 'apps'].flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .filter((entry) => {
        const manifest = join(root, entry.name, 'package.json');
        return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test !== undefined;
      })
      .map((entry) => entry.name),
  );
}

/** Prints the summary line; returns the number of failures (missing reports count as failures). */
export function printSummary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const name of packagesWithTests()) {
    const file = join(resultsFolder, `${name}.json`);
    if (!existsSync(file)) {
      console.log(`${name}: no test report (its tests did not run)`);
      failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A test file that failed to load has no test results of its own: count it once.
    failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  }
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(printSummary() > 0 ? 1 : 0);
