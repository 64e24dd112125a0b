import { pageUser } from '@/lib/auth/current';
import { t } from '@/lib/i18n';
import { PageHeader, Notice } from '@/components/ui/page';

// Placeholder: the save-state feature replaces this page with the render → plan → apply flow.
export default async function SavePage() {
  const user = await pageUser();
  return (
    <>
      <PageHeader title={t(user.locale, 'save.title')} />
      <Notice kind="info">{t(user.locale, 'save.placeholder')}</Notice>
    </>
  );
}
