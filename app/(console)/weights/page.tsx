import { pageUser } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { t } from '@/lib/i18n';
import { loadModel } from '@/lib/queries/model';
import { PageHeader, Notice } from '@/components/ui/page';
import { WeightGrid } from '@/components/weights/weight-grid';
import { weightGridData } from '@/components/weights/grid-data';
import { saveWeightsAction } from './actions';

export default async function WeightsPage() {
  const user = await pageUser();
  const model = await loadModel();
  const editable = can(user, 'edit-weights');
  return (
    <>
      <PageHeader title={t(user.locale, 'weight.title')} intro={t(user.locale, 'weight.intro')} />
      {!editable && <div className="mb-3"><Notice kind="info">{t(user.locale, 'common.readOnly')}</Notice></div>}
      {model.nodes.length === 0 || model.services.length === 0 ? (
        <Notice kind="info">{t(user.locale, 'common.empty')}</Notice>
      ) : (
        <WeightGrid
          locale={user.locale}
          label={t(user.locale, 'weight.title')}
          data={weightGridData(model, model.nodes.map((n) => n.id), model.services.map((s) => s.id))}
          save={editable ? saveWeightsAction : null}
        />
      )}
    </>
  );
}
