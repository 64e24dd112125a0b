import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { t } from '@/lib/i18n';
import { loadModel } from '@/lib/queries/model';
import { listAdminStates } from '@/lib/admin-state/store';
import { PageHeader, Notice } from '@/components/ui/page';
import { VirtualNodeCard } from '@/components/cluster/virtual-node-card';
import { LiveVips } from '@/components/live/vip-panel';
import { liveMonitor } from '@/lib/monitor';
import { saveWeightsAction } from '../weights/actions';

export default async function ClusterPage() {
  const user = await pageUser();
  const [model, adminStates] = await Promise.all([loadModel(), listAdminStates()]);
  const editable = can(user, 'edit-weights');
  // With failover, who holds each VIP now, from the candidates (the live stream keeps it current).
  const failover = model.masterPriority.failover
    ? { virtualNodes: model.virtualNodes, masterPriority: model.masterPriority, names: Object.fromEntries(model.nodes.map((n) => [n.id, n.name])), canSwitch: can(user, 'save-state') }
    : null;
  if (failover) await liveMonitor().touch();
  return (
    <>
      <PageHeader title={t(user.locale, 'cluster.title')} intro={t(user.locale, 'cluster.intro')} />
      {model.virtualNodes.length === 0 && <Notice kind="info">{t(user.locale, 'cluster.empty')}</Notice>}
      {failover && <LiveVips locale={user.locale} initial={liveMonitor().snapshot()} failover={failover} />}
      <div className="flex flex-col gap-4">
        {model.virtualNodes.map((vn) => (
          <VirtualNodeCard key={vn.id} locale={user.locale} model={model} vnode={vn} save={editable ? saveWeightsAction : null} adminStates={adminStates} canChangeState={editable} />
        ))}
      </div>
    </>
  );
}
