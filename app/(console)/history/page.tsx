import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { diffVersions } from '@/lib/save/history';
import { listVersions } from '@/lib/queries/versions';
import { HistoryScreen } from '@/components/save/history-screen';

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const user = await pageUser();
  const { from, to } = await searchParams;
  const diff = from && to && /^\d+$/.test(from) && /^\d+$/.test(to) ? await diffVersions(Number(from), Number(to)).catch(() => null) : null;
  return <HistoryScreen locale={user.locale} versions={await listVersions()} diff={diff} canRevert={can(user, 'edit-model')} />;
}
