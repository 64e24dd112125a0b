/** Weights, check overrides, master priority, export/import and the audit log. */
import { requestUser } from '../auth/current';
import { checkOverridesSchema, masterPrioritySchema, weightsSchema } from '../cluster/schemas';
import { modelDocumentSchema } from '../cluster/document';
import { getMasterPriority, listCheckOverrides, listWeights } from '../queries/model';
import { setCheckOverrides, setMasterPriority, setWeights } from '../queries/cluster-settings';
import { exportModel, importModel } from '../queries/backup';
import { listAudit } from '../queries/audit';
import { parseWith, readJson } from './respond';

export async function getWeights(request: Request) {
  await requestUser(request, 'read');
  return listWeights();
}

export async function putWeights(request: Request) {
  const user = await requestUser(request, 'edit-weights');
  return setWeights(user, parseWith(weightsSchema, await readJson(request)));
}

export async function getCheckOverrides(request: Request) {
  await requestUser(request, 'read');
  return listCheckOverrides();
}

/** Check settings are model configuration, like the service's own check: admins. */
export async function putCheckOverrides(request: Request) {
  const user = await requestUser(request, 'edit-model');
  return setCheckOverrides(user, parseWith(checkOverridesSchema, await readJson(request)));
}

export async function getMaster(request: Request) {
  await requestUser(request, 'read');
  return getMasterPriority();
}

export async function putMaster(request: Request) {
  const user = await requestUser(request, 'edit-model');
  return setMasterPriority(user, parseWith(masterPrioritySchema, await readJson(request)));
}

export async function getExport(request: Request) {
  await requestUser(request, 'edit-model');
  return exportModel();
}

export async function postImport(request: Request) {
  const user = await requestUser(request, 'edit-model');
  return importModel(user, parseWith(modelDocumentSchema, await readJson(request)));
}

export async function getAudit(request: Request) {
  await requestUser(request, 'read-audit');
  const q = new URL(request.url).searchParams;
  return listAudit({ actor: q.get('actor') ?? undefined, entity: q.get('entity') ?? undefined, action: q.get('action') ?? undefined, take: Math.min(Number(q.get('limit') ?? 200) || 200, 1000) });
}
