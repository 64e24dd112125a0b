/**
 * Save state as the console offers it: one save at a time, every real save on record before it
 * touches a node (a version written ahead as `applying`, each node's answer as it comes, the end
 * and its audit entry last), so a console killed mid-save leaves the save for start-up recovery.
 */
import { withAdminStates } from '../admin-state/apply';
import { listAdminStates } from '../admin-state/store';
import { loadEndpoints } from '../queries/endpoints';
import { loadModel } from '../queries/model';
import { VersionJournal } from '../queries/version-journal';
import { newestAppliedModelJson, versionStatusOf } from '../queries/versions';
import { modelDiffersFromApplied } from '../queries/save-status';
import { conflict } from '../errors';
import type { Actor } from '../queries/write';
import type { ProgressEvent, SaveAnswer } from '../wire';
import { recoverVersion, recoveryDone } from './recovery';
import { runSave } from './run';
import { pauseForTest } from './test-pause';

export interface SaveRequest {
  dryRun: boolean;
  nodes?: string[];
  fixNatGateway?: boolean;
  revertOf?: number; // the version whose model this save restores
  /** Refuse (409) when the model differs from the last applied one: checked inside the queue, so no edit rides along. */
  onlyIfSaved?: boolean;
}

export const UNSAVED_MESSAGE = 'the model has changes that are not saved yet: save state (or revert them) first, so that this click applies only itself';

let queue: Promise<unknown> = Promise.resolve();

/** Changes to nodes never overlap: a second one waits for the first, then plans against what it left. */
export function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

export function saveState(actor: Actor, req: SaveRequest, onProgress?: (e: ProgressEvent) => void): Promise<SaveAnswer> {
  return serialised(async () => {
    // An interrupted save must be resolved first: this save plans against what it left behind.
    await recoveryDone();
    const [model, endpoints, adminStates] = await Promise.all([loadModel(), loadEndpoints(), listAdminStates()]);
    if (req.onlyIfSaved && modelDiffersFromApplied(model, await newestAppliedModelJson())) throw conflict(UNSAVED_MESSAGE);
    // Drained and maintained servers render at weight 0; the version keeps the saved model itself.
    const run = { model: withAdminStates(model, adminStates), endpoints, onlyNodes: req.nodes, fixNatGateway: req.fixNatGateway, onProgress };
    if (req.dryRun) {
      const out = await runSave({ ...run, dryRun: true });
      return { version: null, activeDirector: out.activeDirector, nodes: out.results };
    }
    const journal = await VersionJournal.begin(actor, { model, kind: 'save', revertOf: req.revertOf });
    try {
      await pauseForTest('before-read');
      const out = await runSave({ ...run, dryRun: false, journal });
      await pauseForTest('after-apply');
      const status = versionStatusOf(out.results);
      await journal.finish(actor, status, { activeDirector: out.activeDirector, nodes: out.results }, {
        action: status === 'applied' ? 'save' : 'save-failed',
        entity: 'save',
        entityId: String(journal.id),
        after: { status, activeDirector: out.activeDirector, nodes: out.results.map((r) => ({ node: r.name, status: r.status, error: r.error?.code })) },
      });
      return { version: journal.id, activeDirector: out.activeDirector, nodes: out.results };
    } catch (e) {
      // Nodes may have been touched before whatever broke: read them now rather than leave the
      // version `applying` until the next start.
      await recoverVersion(journal.id).catch(() => undefined);
      throw e;
    }
  });
}
