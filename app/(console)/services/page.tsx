import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listServices } from '@/lib/queries/model';
import { ServicesScreen } from '@/components/services/services-screen';
import { deleteServiceAction, saveServiceAction } from './actions';

export default async function ServicesPage() {
  const user = await pageUser();
  return (
    <ServicesScreen
      locale={user.locale}
      canEdit={can(user, 'edit-model')}
      services={await listServices()}
      save={saveServiceAction}
      remove={deleteServiceAction}
    />
  );
}
