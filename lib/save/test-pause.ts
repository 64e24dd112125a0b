/**
 * A test-only hook to stop a save at a named point so a lab test can `kill -9` the console there
 * (see test/lab/crash-recovery.test.ts). Inert unless LVS_TEST_PAUSE_AT names the point: then the
 * process says so on stderr and the save never goes on. Nothing else changes.
 */
import { testPauseAt } from '../config';

export const PAUSE_POINTS = ['before-read', 'during-read', 'node-applying', 'node-answered', 'after-apply'] as const;
export type PausePoint = (typeof PAUSE_POINTS)[number];

export const PAUSED_MARK = 'LVS_TEST_PAUSED';

export function pauseForTest(point: PausePoint): Promise<void> {
  if (testPauseAt() !== point) return Promise.resolve();
  process.stderr.write(`${PAUSED_MARK} ${point}\n`);
  return new Promise<void>(() => {}); // held until the test kills the process
}
