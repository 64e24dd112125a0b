'use server';
import { actionUser } from '@/lib/auth/current';
import { nodeGroupSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createNodeGroup, deleteNodeGroup, updateNodeGroup } from '@/lib/queries/node-groups';
import { parseOrThrow, runAction, type FormState } from '../_lib/form-state';
import { all, optionalText, text } from '../_lib/form-data';

export async function saveNodeGroupAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseOrThrow(nodeGroupSchema, { name: text(fd, 'name'), nodes: all(fd, 'nodes'), services: all(fd, 'services') });
    const id = optionalText(fd, 'id');
    if (id) await updateNodeGroup(user, parseOrThrow(idSchema, id), input);
    else await createNodeGroup(user, input);
  });
}

export async function deleteNodeGroupAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteNodeGroup(user, parseOrThrow(idSchema, id));
  });
}
