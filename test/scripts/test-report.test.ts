// The closing verdict of `npm test`, from report shapes vitest 4 and Playwright 1.65 really write.
import { describe, expect, it } from 'vitest';
import { closingLines, summarizeReports, type PlaywrightReport, type VitestReport } from '@/scripts/test-report';

// vitest also reports numFailedTestSuites = 3 here: the old summary added it to numFailedTests.
const vitest: VitestReport = {
  testResults: [
    { name: `${process.cwd()}/test/lab/ipvs-save.test.ts`, status: 'failed', message: '', assertionResults: [
      { fullName: 'save state on a real lab DR from empty nodes', status: 'passed' },
      { fullName: 'save state on a real lab switching to TUN', status: 'failed' },
      { fullName: 'save state on a real lab later', status: 'skipped' },
    ] },
    { name: `${process.cwd()}/test/lab/modes.test.ts`, status: 'failed', message: 'lab gone\n    at beforeAll', assertionResults: [{ fullName: 'never runs', status: 'skipped' }] },
    { name: `${process.cwd()}/lib/x.test.ts`, status: 'failed', message: "Cannot find module './nope'", assertionResults: [] },
    { name: `${process.cwd()}/lib/y.test.ts`, status: 'passed', message: '', assertionResults: [{ fullName: 'y works', status: 'passed' }] },
  ],
};

const playwright: PlaywrightReport = {
  errors: [],
  suites: [{ title: 'save.spec.ts', specs: [], suites: [{ title: 'screen', specs: [
    { title: 'passes', file: 'save.spec.ts', line: 3, tests: [{ status: 'expected' }] },
    { title: 'fails', file: 'save.spec.ts', line: 4, tests: [{ status: 'unexpected' }] },
    { title: 'retried', file: 'save.spec.ts', line: 5, tests: [{ status: 'flaky' }] },
    { title: 'skipped', file: 'save.spec.ts', line: 6, tests: [{ status: 'skipped' }] },
  ] }] }],
};

describe('test summary', () => {
  it('counts each failed test once and a file that failed without a failed test once', () => {
    expect(summarizeReports(vitest, playwright)).toMatchObject({ passed: 4, failed: 4, skipped: 2 });
  });

  it('one failed lab test reads "1 failed", not 3', () => {
    const one: VitestReport = { testResults: [vitest.testResults![0]!] };
    expect(closingLines(summarizeReports(one, { suites: [] })).at(-1)).toBe('1 passed, 1 failed, 1 skipped');
  });

  it('names every failed test in the closing lines, the counts last', () => {
    expect(closingLines(summarizeReports(vitest, playwright))).toEqual([
      'FAILED test/lab/ipvs-save.test.ts > save state on a real lab switching to TUN',
      'FAILED test/lab/modes.test.ts: lab gone',
      "FAILED lib/x.test.ts: Cannot find module './nope'",
      'FAILED save.spec.ts:4 > screen > fails',
      '4 passed, 4 failed, 2 skipped',
    ]);
  });

  it('a missing report is a failure', () => {
    expect(closingLines(summarizeReports(null, null))).toEqual([
      'FAILED vitest: no report', 'FAILED playwright: no report', '0 passed, 2 failed, 0 skipped',
    ]);
  });
});
