import type { ClusterModel, VirtualNodeModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Badge, Card } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { DataTable } from '@/components/ui/data-table';
import { WeightGrid } from '@/components/weights/weight-grid';
import { weightGridData } from '@/components/weights/grid-data';
import { forwardingLabel, persistenceLabel } from '@/components/services/labels';
import { prefixOf } from './prefix';
import { AdminStateControl } from '@/components/admin-state/admin-state-control';
import { AdminStateNote } from '@/components/admin-state/admin-state-note';
import type { AdminStateRecord } from '@/lib/admin-state/types';

/** One virtual node as ipvsadm would list it: VIP, its virtual services, and the group's real servers with weights. */
export function VirtualNodeCard({ locale, model, vnode, save, adminStates, canChangeState }: {
  locale: Locale;
  model: ClusterModel;
  vnode: VirtualNodeModel;
  save: ((fd: FormData) => Promise<FormState>) | null;
  adminStates: AdminStateRecord[];
  canChangeState: boolean;
}) {
  const group = model.nodeGroups.find((g) => g.id === vnode.nodeGroup);
  const services = vnode.services.map((id) => model.services.find((s) => s.id === id)).filter((s) => s !== undefined);
  const title = (
    <span className="flex flex-wrap items-center gap-2">
      <span>{vnode.name}</span>
      <Mono><span className="text-sky-800">{vnode.vip}/{prefixOf(vnode.netmask)}</span></Mono>
      {vnode.interface && <Badge>{vnode.interface}</Badge>}
      <Badge tone="sky">{t(locale, 'vnode.nodeGroup')}: {group?.name ?? '?'}</Badge>
    </span>
  );
  return (
    <Card title={title}>
      <div className="flex flex-col gap-3" data-vnode={vnode.name}>
        <DataTable
          rows={services}
          rowKey={(s) => s.id}
          rowAttrs={(s) => ({ 'data-row': s.name })}
          columns={[
            { key: 'name', header: t(locale, 'cluster.service'), className: 'font-medium', cell: (s) => s.name },
            { key: 'protocol', header: t(locale, 'service.protocol'), cell: (s) => <Mono>{s.protocol.toUpperCase()}</Mono> },
            { key: 'port', header: `VIP:${t(locale, 'service.port')}`, cell: (s) => <Mono>{s.protocol === 'fwmark' ? `fwmark ${s.fwmark}` : `${vnode.vip}:${s.port}`}</Mono> },
            { key: 'scheduler', header: t(locale, 'service.scheduler'), cell: (s) => <Mono>{s.scheduler}{s.schedulerFlags.length ? ` (${s.schedulerFlags.join(',')})` : ''}</Mono> },
            { key: 'persistence', header: t(locale, 'service.persistence'), cell: (s) => <Mono>{persistenceLabel(s)}</Mono> },
            { key: 'forwarding', header: t(locale, 'service.forwarding'), cell: (s) => forwardingLabel(s) },
          ]}
        />
        {group && (
          <div data-real-servers={vnode.name}>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t(locale, 'cluster.realServers')}</h3>
            <ul className="flex flex-col gap-1.5">
              {group.nodes.map((id) => model.nodes.find((n) => n.id === id)).filter((n) => n !== undefined).map((n) => {
                const record = adminStates.find((s) => s.node === n.id && s.service === null) ?? null;
                return (
                  <li key={n.id} className="flex flex-wrap items-center gap-2 text-sm" data-rs-node={n.name}>
                    <span className="min-w-24 font-medium">{n.name}</span>
                    <Mono>{n.address}</Mono>
                    {canChangeState && <AdminStateControl locale={locale} nodeId={n.id} nodeName={n.name} state={record?.state ?? 'active'} draining={record?.state === 'drain' && !record.drainedAt} />}
                    <AdminStateNote locale={locale} record={record} left={null} />
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {group && services.length > 0 && (
          <WeightGrid
            locale={locale}
            label={`${t(locale, 'weight.weight')} ${vnode.name}`}
            data={weightGridData(model, group.nodes, vnode.services)}
            save={save}
          />
        )}
      </div>
    </Card>
  );
}
