/**
 *   GET /api/v1/nodes/{id}/admin-state → {node, states: [{service, state, since, deadlineAt, drainedAt, outcome}]}
 *   PUT /api/v1/nodes/{id}/admin-state {state, service?, deadlineSeconds?} → setAdminState (saves)
 * Operators and up may drain: it is a weight change, applied by save state.
 */
import { requestUser } from '../auth/current';
import { setAdminState } from '../admin-state/set';
import { listAdminStates } from '../admin-state/store';
import { AdminStatePut } from '../admin-state/types';
import { id } from '../cluster/primitives';
import { notFound } from '../errors';
import { listNodes } from '../queries/model';
import { parseWith, readJson } from './respond';

type Ctx = { params: Promise<{ id: string }> };

async function nodeIdOf(ctx: Ctx): Promise<string> {
  const r = id.safeParse((await ctx.params).id);
  if (!r.success || !(await listNodes()).some((n) => n.id === r.data)) throw notFound('node');
  return r.data;
}

export async function getAdminState(request: Request, ctx: Ctx) {
  await requestUser(request, 'read');
  const node = await nodeIdOf(ctx);
  return { node, states: (await listAdminStates()).filter((s) => s.node === node).map(({ node: _n, ...s }) => s) };
}

export async function putAdminState(request: Request, ctx: Ctx) {
  const user = await requestUser(request, 'edit-weights');
  const body = parseWith(AdminStatePut, await readJson(request));
  return setAdminState(user, await nodeIdOf(ctx), body);
}
