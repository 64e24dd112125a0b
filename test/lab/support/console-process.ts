/**
 * A console process for the crash tests: the real save, recovery and live-view code of lib/, in a
 * process of its own so a test can `kill -9` it (test/lab/crash-recovery.test.ts). Started with
 * the test's LVS_CONSOLE_DATA_DIR / DATABASE_URL, so it opens the same database and secret key.
 *
 *   save   recovery (as at start-up), then Save state; prints the answer
 *   live   recovery (as at start-up), then one poll of every node by the live monitor; prints the live nodes
 *
 * With LVS_TEST_PAUSE_AT=<point> the save stops at that point (lib/save/test-pause) for the kill.
 * The answer is one stdout line `RESULT <json>`.
 */
import { recoveryDone } from '../../../lib/save/recovery';
import { saveState } from '../../../lib/save/save-state';
import { liveMonitor } from '../../../lib/monitor';
import type { LiveNode } from '../../../lib/wire';

/** Until every node has answered a poll with its drift judged; a loaded machine gets the whole deadline. */
async function liveNodes(deadlineMs = 150_000): Promise<LiveNode[]> {
  const monitor = liveMonitor();
  await monitor.touch();
  let nodes: LiveNode[] = [];
  for (const until = Date.now() + deadlineMs; Date.now() < until; ) {
    nodes = monitor.snapshot().nodes;
    await Promise.all(nodes.map((n) => monitor.pollNow(n.node)));
    nodes = monitor.snapshot().nodes;
    if (nodes.length && nodes.every((n) => n.state === 'up' && n.drift !== null)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  monitor.stop();
  return nodes;
}

async function main(command: string | undefined): Promise<unknown> {
  await recoveryDone();
  if (command === 'save') return saveState({ username: 'admin' }, { dryRun: false });
  if (command === 'live') return liveNodes();
  throw new Error(`unknown command ${command}`);
}

main(process.argv[2]).then(
  (answer) => {
    process.stdout.write(`RESULT ${JSON.stringify(answer)}\n`);
    process.exit(0);
  },
  (e) => {
    process.stderr.write(`console-process failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
