'use server';
import { actionUser } from '@/lib/auth/current';
import { virtualNodeSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createVirtualNode, deleteVirtualNode, updateVirtualNode } from '@/lib/queries/virtual-nodes';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, optionalText, text } from '@/lib/api/form-data';

export async function saveVirtualNodeAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseForm(virtualNodeSchema, {
      name: text(fd, 'name'),
      vip: text(fd, 'vip'),
      netmask: optionalText(fd, 'netmask') ?? undefined,
      interface: optionalText(fd, 'interface'),
      services: all(fd, 'services'),
      nodeGroup: text(fd, 'nodeGroup'),
    });
    const id = optionalText(fd, 'id');
    if (id) await updateVirtualNode(user, parseForm(idSchema, id), input);
    else await createVirtualNode(user, input);
  });
}

export async function deleteVirtualNodeAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteVirtualNode(user, parseForm(idSchema, id));
  });
}
