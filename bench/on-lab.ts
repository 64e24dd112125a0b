/**
 * The frame every lab benchmark runs in: the lab named by LVS_LAB_STATE, or its own lab of NODES
 * booted before and stopped after; reset before the run and after it, after the benchmark's own
 * cleanup; the console's data in a throwaway directory. A failure prints and exits 1.
 */
import { attachLab, bootLab, type Lab } from '../lab/harness';
import { useTestDataDir } from '../test/support/test-db';

export function benchOnLab(nodes: number, run: (lab: Lab) => Promise<void>, cleanup: (lab: Lab) => Promise<void> = async () => undefined): void {
  const main = async () => {
    const own = !process.env.LVS_LAB_STATE;
    const lab: Lab = own ? await bootLab(nodes) : attachLab(process.env.LVS_LAB_STATE);
    try {
      await lab.resetAll();
      useTestDataDir();
      await run(lab);
    } finally {
      await cleanup(lab).catch(() => undefined);
      await lab.resetAll().catch(() => undefined);
      lab.close();
      if (own) await lab.down();
    }
  };
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
