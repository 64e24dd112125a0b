'use server';
import { actionUser } from '@/lib/auth/current';
import { virtualNodeSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createVirtualNode, deleteVirtualNode, updateVirtualNode } from '@/lib/queries/virtual-nodes';
import { parseOrThrow, runAction, type FormState } from '../_lib/form-state';
import { all, optionalText, text } from '../_lib/form-data';

export async function saveVirtualNodeAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseOrThrow(virtualNodeSchema, {
      name: text(fd, 'name'),
      vip: text(fd, 'vip'),
      netmask: optionalText(fd, 'netmask') ?? undefined,
      interface: optionalText(fd, 'interface'),
      services: all(fd, 'services'),
      nodeGroup: text(fd, 'nodeGroup'),
    });
    const id = optionalText(fd, 'id');
    if (id) await updateVirtualNode(user, parseOrThrow(idSchema, id), input);
    else await createVirtualNode(user, input);
  });
}

export async function deleteVirtualNodeAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteVirtualNode(user, parseOrThrow(idSchema, id));
  });
}
