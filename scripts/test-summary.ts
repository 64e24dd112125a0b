// One closing line for the whole run from vitest's and Playwright's JSON reports (see test-report.ts).
import fs from 'node:fs';
import { closingLines, summarizeReports } from './test-report';

const read = (f: string | undefined) => {
  try {
    return f ? JSON.parse(fs.readFileSync(f, 'utf8')) : null;
  } catch {
    return null;
  }
};

const sum = summarizeReports(read(process.argv[2]), read(process.argv[3]));
for (const line of closingLines(sum)) console.log(line);
// With a lab booted for the run, a skipped test means a lab test did not really run: that is a failure.
if (process.env.LVS_LAB_REQUIRED === '1' && sum.skipped > 0) {
  console.log(`${sum.skipped} test(s) skipped although the lab was up`);
  process.exit(1);
}
process.exit(sum.failed > 0 ? 1 : 0);
