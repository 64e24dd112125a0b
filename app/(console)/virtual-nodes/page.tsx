import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listNodeGroups, listServices, listVirtualNodes } from '@/lib/queries/model';
import { VirtualNodesScreen } from '@/components/virtual-nodes/virtual-nodes-screen';
import { deleteVirtualNodeAction, saveVirtualNodeAction } from './actions';

export default async function VirtualNodesPage() {
  const user = await pageUser();
  const [virtualNodes, groups, services] = await Promise.all([listVirtualNodes(), listNodeGroups(), listServices()]);
  return (
    <VirtualNodesScreen
      locale={user.locale}
      canEdit={can(user, 'edit-model')}
      virtualNodes={virtualNodes}
      groups={groups.map(({ id, name }) => ({ id, name }))}
      services={services.map(({ id, name, protocol, port, fwmark }) => ({ id, name: `${name} (${protocol === 'fwmark' ? `fwmark ${fwmark}` : `${protocol}/${port}`})` }))}
      save={saveVirtualNodeAction}
      remove={deleteVirtualNodeAction}
    />
  );
}
