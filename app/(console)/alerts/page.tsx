import { redirect } from 'next/navigation';
import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listChannels, listDeliveries } from '@/lib/alerts/channels';
import { AlertsScreen } from '@/components/events/alerts-screen';
import { deleteChannelAction, saveChannelAction, testChannelAction } from './actions';

export default async function AlertsPage() {
  const user = await pageUser();
  if (!can(user, 'edit-model')) redirect('/cluster');
  const [channels, deliveries] = await Promise.all([listChannels(), listDeliveries()]);
  return (
    <AlertsScreen
      locale={user.locale}
      channels={channels}
      deliveries={deliveries}
      save={saveChannelAction}
      remove={deleteChannelAction}
      test={testChannelAction}
    />
  );
}
