import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { liveMonitor } from '@/lib/monitor';
import { LiveScreen } from '@/components/live/live-screen';

export const dynamic = 'force-dynamic';

export default async function LivePage() {
  const user = await pageUser();
  const monitor = liveMonitor();
  await monitor.touch();
  return <LiveScreen locale={user.locale} initial={monitor.snapshot()} canReapply={can(user, 'save-state')} />;
}
