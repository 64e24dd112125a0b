'use server';
import { actionUser } from '@/lib/auth/current';
import { nodeSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createNode, deleteNode, updateNode } from '@/lib/queries/nodes';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, numberOrNull, optionalText, text } from '@/lib/api/form-data';

/** Browsers submit textareas with CRLF; keys are stored with LF and a final newline, as ssh-keygen writes them. */
function normalizeKey(raw: string): string | undefined {
  const key = raw.replace(/\r\n?/g, '\n').trim();
  return key ? `${key}\n` : undefined;
}

function nodeFromForm(fd: FormData) {
  const kind = text(fd, 'credentialKind');
  return {
    name: text(fd, 'name'),
    address: text(fd, 'address'),
    ssh: {
      host: text(fd, 'ssh.host'),
      port: numberOrNull(fd, 'ssh.port') ?? undefined,
      user: optionalText(fd, 'ssh.user') ?? undefined,
      // Empty = keep the stored secret (on edit); only the chosen kind is sent.
      privateKey: kind === 'key' ? normalizeKey(text(fd, 'ssh.privateKey')) : undefined,
      password: kind === 'password' ? text(fd, 'ssh.password') || undefined : undefined,
      hostKeyFingerprint: optionalText(fd, 'ssh.hostKeyFingerprint'),
    },
    vipInterface: optionalText(fd, 'vipInterface') ?? undefined,
    services: all(fd, 'services'),
    notes: text(fd, 'notes'),
  };
}

export async function saveNodeAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseForm(nodeSchema, nodeFromForm(fd));
    const id = optionalText(fd, 'id');
    if (id) await updateNode(user, parseForm(idSchema, id), input);
    else await createNode(user, input);
  });
}

export async function deleteNodeAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteNode(user, parseForm(idSchema, id));
  });
}
