/**
 * Save state as the console offers it: one save at a time, every real save recorded as a version
 * (model snapshot, rendered config, plan, results, who, when) and in the audit log.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../cluster/canonical';
import { db } from '../db';
import { loadEndpoints } from '../queries/endpoints';
import { loadModel } from '../queries/model';
import { appendAudit, type Actor } from '../queries/write';
import { runSave, type NodeResult, type ProgressEvent } from './run';

export interface SaveRequest {
  dryRun: boolean;
  nodes?: string[];
  fixNatGateway?: boolean;
}

export interface SaveAnswer {
  version: number | null;
  activeDirector: string | null;
  nodes: NodeResult[];
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
    const failed = out.results.filter((r) => r.status === 'failed');
    const status = failed.length === 0 ? 'applied' : failed.length === out.results.length ? 'failed' : 'partial';
    const modelJson = canonicalJson(model);
    const version = await db.$transaction(async (tx) => {
      const v = await tx.saveVersion.create({
        data: {
          actor: actor.username,
          modelHash: hashOf(modelJson),
          model: modelJson,
          rendered: JSON.stringify(out.desired),
          plan: JSON.stringify(out.plans),
          results: JSON.stringify({ activeDirector: out.activeDirector, nodes: out.results }),
          status,
        },
      });
      await appendAudit(tx, actor, {
        action: status === 'applied' ? 'save' : 'save-failed',
        entity: 'save',
        entityId: String(v.id),
        after: { status, activeDirector: out.activeDirector, nodes: out.results.map((r) => ({ node: r.name, status: r.status, error: r.error?.code })) },
      });
      return v.id;
    });
    return { version, activeDirector: out.activeDirector, nodes: out.results };
  });
}

function hashOf(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
