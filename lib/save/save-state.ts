/**
 * Save state as the console offers it: one save at a time, every real save recorded as a version
 * (model snapshot, rendered config, plan, results, who, when) and in the audit log.
 */
import { db } from '../db';
import { loadEndpoints } from '../queries/endpoints';
import { loadModel } from '../queries/model';
import { createVersion, versionStatusOf } from '../queries/versions';
import { appendAudit, type Actor } from '../queries/write';
import type { ProgressEvent, SaveAnswer } from '../wire';
import { runSave } from './run';

export interface SaveRequest {
  dryRun: boolean;
  nodes?: string[];
  fixNatGateway?: boolean;
}

let queue: Promise<unknown> = Promise.resolve();

/** Saves never overlap: a second one waits for the first, then plans against what it left. */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

export function saveState(actor: Actor, req: SaveRequest, onProgress?: (e: ProgressEvent) => void): Promise<SaveAnswer> {
  return serialised(async () => {
    const [model, endpoints] = await Promise.all([loadModel(), loadEndpoints()]);
    const out = await runSave({ model, endpoints, dryRun: req.dryRun, onlyNodes: req.nodes, fixNatGateway: req.fixNatGateway, onProgress });
    if (req.dryRun) return { version: null, activeDirector: out.activeDirector, nodes: out.results };
    const status = versionStatusOf(out.results);
    const results = { activeDirector: out.activeDirector, nodes: out.results };
    const version = await db.$transaction(async (tx) => {
      const id = await createVersion(tx, actor, { model, rendered: out.desired, plan: out.plans, results, status });
      await appendAudit(tx, actor, {
        action: status === 'applied' ? 'save' : 'save-failed',
        entity: 'save',
        entityId: String(id),
        after: { status, activeDirector: out.activeDirector, nodes: out.results.map((r) => ({ node: r.name, status: r.status, error: r.error?.code })) },
      });
      return id;
    });
    return { version, activeDirector: out.activeDirector, nodes: out.results };
  });
}
