// Adds up the vitest JSON reports in test-results/ (one per package, and the fault suite's
// when it ran) into one plain line, "N passed, N failed[, N skipped]", so CI shows how many
// tests really ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const resultsFolder = 'test-results';

/** The package folders whose manifest has `script`. */
function packagesWithScript(script) {
  return ['packages', 'apps'].flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .filter((entry) => {
        const manifest = join(root, entry.name, 'package.json');
        return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.[script] !== undefined;
      })
      .map((entry) => entry.name),
  );
}

/**
 * The reports to add up: every package with a `test` script must leave one; a suite run on
 * its own (`test:faults`) counts when its report is there.
 */
function reportsToCount() {
  const required = packagesWithScript('test');
  const optional = packagesWithScript('test:faults').filter((name) => !required.includes(name) && existsSync(join(resultsFolder, `${name}.json`)));
  return [...required, ...optional];
}

/** Prints the summary line; returns the number of failures (missing reports count as failures). */
export function printSummary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const name of reportsToCount()) {
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
    // A test file that failed without a failed test of its own (it did not load, or a
    // beforeAll threw and its tests were skipped) counts once.
    failed += report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length;
  }
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(printSummary() > 0 ? 1 : 0);
