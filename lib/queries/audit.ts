import { db } from '../db';

export interface AuditFilter {
  actor?: string;
  entity?: string;
  action?: string;
  around?: Date; // events link here: the entries within 15 minutes of their time
  take?: number;
}

export const listAudit = (f: AuditFilter = {}) =>
  db.auditLog.findMany({
    where: { actor: f.actor || undefined, entity: f.entity || undefined, action: f.action || undefined, at: f.around ? { gte: new Date(f.around.getTime() - 900_000), lte: new Date(f.around.getTime() + 900_000) } : undefined },
    orderBy: { id: 'desc' },
    take: f.take ?? 200,
  });
