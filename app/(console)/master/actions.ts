'use server';
import { actionUser } from '@/lib/auth/current';
import { masterPrioritySchema } from '@/lib/cluster/schemas';
import { setMasterPriority } from '@/lib/queries/cluster-settings';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, checked, numberOrNull, optionalText } from '@/lib/api/form-data';

export async function saveMasterPriorityAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const failover = checked(fd, 'failover.enabled')
      ? {
          advertIntervalMs: numberOrNull(fd, 'failover.advertIntervalMs'),
          virtualRouterId: numberOrNull(fd, 'failover.virtualRouterId'),
          syncConnections: checked(fd, 'failover.syncConnections'),
          syncInterface: optionalText(fd, 'failover.syncInterface'),
        }
      : null;
    await setMasterPriority(user, parseForm(masterPrioritySchema, { nodes: all(fd, 'nodes'), preempt: checked(fd, 'preempt'), failover }));
  });
}
