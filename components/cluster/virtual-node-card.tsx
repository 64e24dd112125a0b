import type { ClusterModel, VirtualNodeModel } from '@/lib/cluster/model';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Badge, Card } from '@/components/ui/page';
import { Mono, Table, Td, Th } from '@/components/ui/table';
import { WeightGrid } from '@/components/weights/weight-grid';
import { weightGridData } from '@/components/weights/grid-data';
import { forwardingLabel, persistenceLabel } from '@/components/services/labels';
import { prefixOf } from './prefix';

/** One virtual node as ipvsadm would list it: VIP, its virtual services, and the group's real servers with weights. */
export function VirtualNodeCard({ locale, model, vnode, save }: {
  locale: Locale;
  model: ClusterModel;
  vnode: VirtualNodeModel;
  save: ((fd: FormData) => Promise<FormState>) | null;
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
        <Table>
          <thead>
            <tr>
              <Th>{t(locale, 'cluster.service')}</Th>
              <Th>{t(locale, 'service.protocol')}</Th>
              <Th>VIP:{t(locale, 'service.port')}</Th>
              <Th>{t(locale, 'service.scheduler')}</Th>
              <Th>{t(locale, 'service.persistence')}</Th>
              <Th>{t(locale, 'service.forwarding')}</Th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id} data-row={s.name}>
                <Td className="font-medium">{s.name}</Td>
                <Td><Mono>{s.protocol.toUpperCase()}</Mono></Td>
                <Td><Mono>{s.protocol === 'fwmark' ? `fwmark ${s.fwmark}` : `${vnode.vip}:${s.port}`}</Mono></Td>
                <Td><Mono>{s.scheduler}{s.schedulerFlags.length ? ` (${s.schedulerFlags.join(',')})` : ''}</Mono></Td>
                <Td><Mono>{persistenceLabel(s)}</Mono></Td>
                <Td>{forwardingLabel(s)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
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
