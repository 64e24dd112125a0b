/**
 * Sums vitest's and Playwright's JSON reports into one closing verdict. Each failed test counts
 * once, by name; a file that failed without any failed test (an import error, a throwing beforeAll)
 * counts once as that file, so nothing is counted twice and nothing is lost.
 */
import path from 'node:path';

export type Summary = { passed: number; failed: number; skipped: number; failures: string[] };

type VitestAssertion = { status?: string; fullName?: string; title?: string };
type VitestFile = { name?: string; status?: string; message?: string; assertionResults?: VitestAssertion[] };
export type VitestReport = { testResults?: VitestFile[] };

type PwResult = { status?: string };
type PwTest = { status?: string; results?: PwResult[] };
type PwSpec = { title?: string; file?: string; line?: number; tests?: PwTest[] };
type PwSuite = { title?: string; suites?: PwSuite[]; specs?: PwSpec[] };
export type PlaywrightReport = { suites?: PwSuite[]; errors?: unknown[] };

const relative = (file: string) => (path.isAbsolute(file) ? path.relative(process.cwd(), file) : file);

function addVitest(sum: Summary, report: VitestReport | null) {
  if (!report) { sum.failed++; sum.failures.push('vitest: no report'); return; }
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    const failedHere = tests.filter((t) => t.status === 'failed');
    if (file.status === 'failed' && failedHere.length === 0) {
      // Its tests never ran (vitest marks them skipped): the file is the one failure.
      sum.failed++;
      sum.failures.push(`${relative(file.name ?? '?')}: ${(file.message ?? 'the file failed').split('\n')[0]}`);
      sum.passed += tests.filter((t) => t.status === 'passed').length;
      continue;
    }
    for (const t of tests) {
      if (t.status === 'passed') sum.passed++;
      else if (t.status !== 'failed') sum.skipped++; // skipped, pending, todo
    }
    sum.failed += failedHere.length;
    for (const t of failedHere) sum.failures.push(`${relative(file.name ?? '?')} > ${t.fullName ?? t.title ?? '?'}`);
  }
}

function walkSuites(suites: PwSuite[], titles: string[], visit: (spec: PwSpec, titles: string[]) => void) {
  for (const s of suites) {
    const path = s.title && !/\.(ts|js)$/.test(s.title) ? [...titles, s.title] : titles;
    for (const spec of s.specs ?? []) visit(spec, path);
    walkSuites(s.suites ?? [], path, visit);
  }
}

function addPlaywright(sum: Summary, report: PlaywrightReport | null) {
  if (!report?.suites) { sum.failed++; sum.failures.push('playwright: no report'); return; }
  walkSuites(report.suites, [], (spec, titles) => {
    for (const t of spec.tests ?? []) {
      // expected | flaky pass; unexpected fails; skipped is skipped (one entry per project).
      if (t.status === 'expected' || t.status === 'flaky') sum.passed++;
      else if (t.status === 'skipped') sum.skipped++;
      else {
        sum.failed++;
        sum.failures.push(`${relative(spec.file ?? '?')}:${spec.line ?? 0} > ${[...titles, spec.title ?? '?'].join(' > ')}`);
      }
    }
  });
  // Errors outside any test (a global setup that threw) fail the run once.
  if ((report.errors ?? []).length > 0) { sum.failed++; sum.failures.push('playwright: error outside any test'); }
}

export function summarizeReports(vitest: VitestReport | null, playwright: PlaywrightReport | null): Summary {
  const sum: Summary = { passed: 0, failed: 0, skipped: 0, failures: [] };
  addVitest(sum, vitest);
  addPlaywright(sum, playwright);
  return sum;
}

/** The closing lines: the failed tests by name, then the counts last. */
export function closingLines(sum: Summary): string[] {
  const named = sum.failures.map((f) => `FAILED ${f}`);
  return [...named, `${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`];
}
