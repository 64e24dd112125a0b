import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listNodes, listServices } from '@/lib/queries/model';
import { NodesScreen } from '@/components/nodes/nodes-screen';
import { deleteNodeAction, saveNodeAction } from './actions';

export default async function NodesPage() {
  const user = await pageUser();
  const [nodes, services] = await Promise.all([listNodes(), listServices()]);
  return (
    <NodesScreen
      locale={user.locale}
      canEdit={can(user, 'edit-model')}
      nodes={nodes}
      services={services.map((s) => ({ id: s.id, name: s.name }))}
      save={saveNodeAction}
      remove={deleteNodeAction}
    />
  );
}
