import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { serviceIdsByKey } from '@/lib/admin-state/apply';
import { listAdminStates } from '@/lib/admin-state/store';
import { liveMonitor } from '@/lib/monitor';
import { loadModel } from '@/lib/queries/model';
import { LiveScreen } from '@/components/live/live-screen';

export const dynamic = 'force-dynamic';

export default async function LivePage() {
  const user = await pageUser();
  const monitor = liveMonitor();
  const [, model, states] = await Promise.all([monitor.touch(), loadModel(), listAdminStates()]);
  const admin = { states, nodeIds: Object.fromEntries(model.nodes.map((n) => [n.name, n.id])), serviceIds: serviceIdsByKey(model), canChange: can(user, 'edit-weights') };
  const failover = model.masterPriority.failover
    ? { virtualNodes: model.virtualNodes, masterPriority: model.masterPriority, names: Object.fromEntries(model.nodes.map((n) => [n.id, n.name])), canSwitch: can(user, 'save-state') }
    : undefined;
  return <LiveScreen locale={user.locale} initial={monitor.snapshot()} canReapply={can(user, 'save-state')} admin={admin} failover={failover} />;
}
