/** The distinct actors, entities and actions in the audit log: the choices of the audit screen's filters. */
import { db } from '../db';
import type { AuditFacets } from '../wire';

export async function listAuditFacets(): Promise<AuditFacets> {
  const [actors, entities, actions] = await Promise.all([
    db.auditLog.findMany({ distinct: ['actor'], select: { actor: true }, orderBy: { actor: 'asc' } }),
    db.auditLog.findMany({ distinct: ['entity'], select: { entity: true }, orderBy: { entity: 'asc' } }),
    db.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { actor: actors.map((r) => r.actor), entity: entities.map((r) => r.entity), action: actions.map((r) => r.action) };
}
