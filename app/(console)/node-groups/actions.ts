'use server';
import { actionUser } from '@/lib/auth/current';
import { nodeGroupSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createNodeGroup, deleteNodeGroup, updateNodeGroup } from '@/lib/queries/node-groups';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, optionalText, text } from '@/lib/api/form-data';

export async function saveNodeGroupAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseForm(nodeGroupSchema, { name: text(fd, 'name'), nodes: all(fd, 'nodes'), services: all(fd, 'services') });
    const id = optionalText(fd, 'id');
    if (id) await updateNodeGroup(user, parseForm(idSchema, id), input);
    else await createNodeGroup(user, input);
  });
}

export async function deleteNodeGroupAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteNodeGroup(user, parseForm(idSchema, id));
  });
}
