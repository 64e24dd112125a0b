import { redirect } from 'next/navigation';
import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listAudit } from '@/lib/queries/audit';
import { listAuditFacets } from '@/lib/queries/audit-facets';
import { AuditScreen } from '@/components/audit/audit-screen';

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : '');

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const user = await pageUser();
  if (!can(user, 'read-audit')) redirect('/cluster');
  const sp = await searchParams;
  const filter = { actor: one(sp.actor), entity: one(sp.entity), action: one(sp.action) };
  const around = new Date(one(sp.around));
  const [rows, facets] = await Promise.all([listAudit({ ...filter, around: Number.isNaN(around.getTime()) ? undefined : around }), listAuditFacets()]);
  return <AuditScreen locale={user.locale} filter={filter} facets={facets} rows={rows.map((r) => ({ ...r, at: r.at.toISOString() }))} />;
}
