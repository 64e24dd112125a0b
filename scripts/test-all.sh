#!/usr/bin/env bash
# The whole test run: types, unit + API tests, a production build, one lab of real IPVS nodes for
# every lab test (vitest and Playwright share it), then the browser tests. Prints one closing line
# "N passed, N failed" summed over both runners.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
results=$(mktemp -d)

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step 'prisma generate'
npx prisma generate >/dev/null
step 'typecheck'
npx tsc --noEmit -p .
step 'build'
npx next build >"$results/build.log" 2>&1 || { tail -50 "$results/build.log"; exit 1; }

lab_state=''
cleanup() { [ -n "$lab_state" ] && npx tsx lab/cli.ts down "$lab_state" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [ "${LVS_LAB:-on}" != off ]; then
  step 'lab up (4 nodes)'
  npx tsx lab/cli.ts up 4 | tee "$results/lab.txt"
  lab_state=$(sed -n 's/^state dir: \([^ ]*\).*/\1/p' "$results/lab.txt" | tail -1)
  [ -d "$lab_state" ] || { echo "lab did not report its state directory" >&2; exit 1; }
  export LVS_LAB_STATE="$lab_state" LVS_LAB_REQUIRED=1
fi

status=0
step 'vitest'
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
step 'playwright'
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json || status=1

npx tsx scripts/test-summary.ts "$results/vitest.json" "$results/playwright.json" || status=1
exit $status
