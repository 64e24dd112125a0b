import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { getMasterPriority, listNodes } from '@/lib/queries/model';
import { MasterPriorityForm } from '@/components/master/master-priority-form';
import { saveMasterPriorityAction } from './actions';

export default async function MasterPage() {
  const user = await pageUser();
  const [priority, nodes] = await Promise.all([getMasterPriority(), listNodes()]);
  return (
    <MasterPriorityForm
      locale={user.locale}
      priority={priority}
      nodes={nodes.map(({ id, name, address }) => ({ id, name: `${name} (${address})` }))}
      save={can(user, 'edit-model') ? saveMasterPriorityAction : null}
    />
  );
}
