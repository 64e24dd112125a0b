/**
 *   POST /api/v1/switchover {virtualNode, to} → {virtualNode, vip, from, to, tookMs, changed}
 * A planned switchover is an operation on the running cluster, like a save: operators and up.
 */
import { requestUser } from '../auth/current';
import { switchoverSchema } from '../cluster/schemas';
import { switchover } from '../failover/switchover';
import { parseWith, readJson } from './respond';

export async function postSwitchover(request: Request) {
  const user = await requestUser(request, 'save-state');
  return switchover(user, parseWith(switchoverSchema, await readJson(request)));
}
