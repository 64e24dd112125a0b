import { describe, expect, it } from 'vitest';
import { classifyRecovery, type RecoveryEvidence } from './recovery';

// reachable, matchesNew (version N), matchesPrevious (N-1), sent -> outcome
const CASES: Array<[boolean, boolean, boolean, boolean, ReturnType<typeof classifyRecovery>]> = [
  [true, true, false, true, 'applied'], // batch went through before the console died
  [true, false, true, true, 'not-applied'], // batch sent, node rolled back / never ran it
  [true, false, false, true, 'unknown'], // neither state: someone else changed it, or a mix
  [true, true, true, true, 'applied'], // both states equal on this node
  [false, false, false, true, 'unknown'], // sent and unreadable now: cannot tell
  [true, false, true, false, 'not-applied'], // never sent: holds the old state
  [true, false, false, false, 'not-applied'], // never sent: whatever it holds, this save did not do it
  [false, false, false, false, 'not-applied'], // never sent and unreadable: still untouched by this save
  [true, true, false, false, 'applied'], // never sent yet already holds N (e.g. skipped node)
];

describe('classifyRecovery', () => {
  it.each(CASES)('reachable=%s new=%s previous=%s sent=%s -> %s', (reachable, matchesNew, matchesPrevious, sent, want) => {
    const e: RecoveryEvidence = { reachable, matchesNew, matchesPrevious, sent };
    expect(classifyRecovery(e)).toBe(want);
  });
});
