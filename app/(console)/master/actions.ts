'use server';
import { actionUser } from '@/lib/auth/current';
import { masterPrioritySchema } from '@/lib/cluster/schemas';
import { setMasterPriority } from '@/lib/queries/cluster-settings';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, checked } from '@/lib/api/form-data';

export async function saveMasterPriorityAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await setMasterPriority(user, parseForm(masterPrioritySchema, { nodes: all(fd, 'nodes'), preempt: checked(fd, 'preempt') }));
  });
}
