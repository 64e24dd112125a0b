import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { listNodes } from '@/lib/queries/model';
import { SaveScreen } from '@/components/save/save-screen';
import { Notice } from '@/components/ui/page';
import { t } from '@/lib/i18n';

export default async function SavePage() {
  const user = await pageUser();
  if (!can(user, 'save-state')) return <Notice kind="error">{t(user.locale, 'save.title')}: 403</Notice>;
  const nodes = (await listNodes()).map((n) => ({ id: n.id, name: n.name }));
  return <SaveScreen locale={user.locale} nodes={nodes} canTrust={can(user, 'edit-model')} />;
}
