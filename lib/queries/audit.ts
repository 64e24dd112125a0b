import { db } from '../db';

export interface AuditFilter {
  actor?: string;
  entity?: string;
  action?: string;
  take?: number;
}

export const listAudit = (f: AuditFilter = {}) =>
  db.auditLog.findMany({
    where: { actor: f.actor || undefined, entity: f.entity || undefined, action: f.action || undefined },
    orderBy: { id: 'desc' },
    take: f.take ?? 200,
  });
