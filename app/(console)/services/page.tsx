import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listCheckOverrides, listNodes, listServices } from '@/lib/queries/model';
import { ServicesScreen } from '@/components/services/services-screen';
import { CheckOverridesCard } from '@/components/services/check-overrides';
import { deleteServiceAction, saveCheckOverridesAction, saveServiceAction } from './actions';

export default async function ServicesPage() {
  const user = await pageUser();
  const [services, nodes, overrides] = await Promise.all([listServices(), listNodes(), listCheckOverrides()]);
  const canEdit = can(user, 'edit-model');
  return (
    <>
      <ServicesScreen locale={user.locale} canEdit={canEdit} services={services} save={saveServiceAction} remove={deleteServiceAction} />
      <CheckOverridesCard
        locale={user.locale}
        services={services}
        nodes={nodes.map(({ id, name, services: s }) => ({ id, name, services: s }))}
        overrides={overrides}
        save={canEdit ? saveCheckOverridesAction : null}
      />
    </>
  );
}
