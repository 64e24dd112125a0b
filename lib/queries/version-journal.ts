/**
 * Writing a version ahead of the change it records (issue 15): a console killed mid-save must still
 * leave the save on record. The version is written as `applying` before any node is read; its
 * rendered state and plan before any node is touched; each node's result the moment that node
 * answers; its status (and audit entry) at the end. A version left `applying` is one the console
 * did not live through; start-up recovery (lib/save/recovery) resolves it with resolveInterrupted.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../cluster/canonical';
import type { ClusterModel } from '../cluster/model';
import { db } from '../db';
import type { NodeDesiredState, Step } from '../ipvs/types';
import type { NodeResult, VersionKind, VersionStatus } from '../wire';
import type { StoredResults } from './version-schemas';
import { appendAudit, type Actor, type AuditEntry } from './write';

export interface NewVersion {
  model: ClusterModel;
  kind: VersionKind;
  revertOf?: number;
}

export interface VersionPlan {
  activeDirector: string | null;
  rendered: NodeDesiredState[];
  plan: Record<string, Step[]>;
  nodes: NodeResult[];
}

type Finished = Exclude<VersionStatus, 'applying'>;

/** One version being written. Only this process writes it, so its results are kept here and written whole. */
export class VersionJournal {
  private results: StoredResults = { activeDirector: null, nodes: [] };
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(readonly id: number) {}

  /** Takes the save: the version exists, `applying`, before anything else happens. */
  static async begin(actor: Actor, v: NewVersion): Promise<VersionJournal> {
    const modelJson = canonicalJson(v.model);
    const row = await db.saveVersion.create({
      data: {
        actor: actor.username,
        kind: v.kind,
        revertOf: v.revertOf ?? null,
        modelHash: createHash('sha256').update(modelJson).digest('hex'),
        model: modelJson,
        rendered: '[]',
        plan: '{}',
        results: JSON.stringify({ activeDirector: null, nodes: [] }),
        status: 'applying',
      },
    });
    return new VersionJournal(row.id);
  }

  /** Writes in the order they were asked for; nodes of one phase answer concurrently. */
  private write(data: { rendered?: string; plan?: string }): Promise<void> {
    const results = JSON.stringify(this.results);
    const next = this.writes.then(() => db.saveVersion.update({ where: { id: this.id }, data: { ...data, results } }));
    this.writes = next.catch(() => undefined);
    return next.then(() => undefined);
  }

  /** What will be applied, written before the first node is touched. */
  planned(p: VersionPlan): Promise<void> {
    this.results = { activeDirector: p.activeDirector, nodes: p.nodes };
    return this.write({ rendered: JSON.stringify(p.rendered), plan: JSON.stringify(p.plan) });
  }

  /** One node's result (`applying` before its batch is sent, then its answer). */
  node(result: NodeResult): Promise<void> {
    const i = this.results.nodes.findIndex((n) => n.node === result.node);
    this.results = { ...this.results, nodes: i < 0 ? [...this.results.nodes, result] : this.results.nodes.with(i, result) };
    return this.write({});
  }

  /** The end: final results, status and the audit entry in one transaction. */
  async finish(actor: Actor, status: Finished, results: StoredResults, audit: AuditEntry): Promise<void> {
    await this.writes;
    this.results = results;
    await db.$transaction(async (tx) => {
      await tx.saveVersion.update({ where: { id: this.id }, data: { status, results: JSON.stringify(results), finishedAt: new Date() } });
      await appendAudit(tx, actor, audit);
    });
  }
}

/** Start-up recovery's end of an interrupted version: per-node outcomes, status and audit entry. */
export async function resolveInterrupted(id: number, status: Finished, results: StoredResults, audit: AuditEntry): Promise<void> {
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.saveVersion.update({ where: { id }, data: { status, results: JSON.stringify(results), finishedAt: now, recoveredAt: now } });
    await appendAudit(tx, { username: 'console' }, audit);
  });
}
