'use server';
import { actionUser } from '@/lib/auth/current';
import { masterPrioritySchema } from '@/lib/cluster/schemas';
import { setMasterPriority } from '@/lib/queries/cluster-settings';
import { parseOrThrow, runAction, type FormState } from '../_lib/form-state';
import { all, checked } from '../_lib/form-data';

export async function saveMasterPriorityAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await setMasterPriority(user, parseOrThrow(masterPrioritySchema, { nodes: all(fd, 'nodes'), preempt: checked(fd, 'preempt') }));
  });
}
