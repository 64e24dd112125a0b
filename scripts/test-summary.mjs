// Sums vitest's and Playwright's JSON reports into one closing line: "N passed, N failed, N skipped".
import fs from 'node:fs';

const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read(process.argv[2]);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numFailedTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
  failed += 1;
  console.log('vitest: no report');
}
const pw = read(process.argv[3]);
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
  skipped += pw.stats.skipped ?? 0;
} else {
  failed += 1;
  console.log('playwright: no report');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
// With a lab booted for the run, a skipped test means a lab test did not really run: that is a failure.
if (process.env.LVS_LAB_REQUIRED === '1' && skipped > 0) {
  console.log(`${skipped} test(s) skipped although the lab was up`);
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
