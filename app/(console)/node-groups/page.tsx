import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listNodeGroups, listNodes, listServices } from '@/lib/queries/model';
import { NodeGroupsScreen } from '@/components/node-groups/node-groups-screen';
import { deleteNodeGroupAction, saveNodeGroupAction } from './actions';

export default async function NodeGroupsPage() {
  const user = await pageUser();
  const [groups, nodes, services] = await Promise.all([listNodeGroups(), listNodes(), listServices()]);
  const named = (l: { id: string; name: string }[]) => l.map(({ id, name }) => ({ id, name }));
  return (
    <NodeGroupsScreen
      locale={user.locale}
      canEdit={can(user, 'edit-model')}
      groups={groups}
      nodes={named(nodes)}
      services={named(services)}
      save={saveNodeGroupAction}
      remove={deleteNodeGroupAction}
    />
  );
}
