'use server';
import { actionUser } from '@/lib/auth/current';
import { serviceSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createService, deleteService, updateService } from '@/lib/queries/services';
import { parseOrThrow, runAction, type FormState } from '../_lib/form-state';
import { all, checked, numberOrNull, optionalText, text } from '../_lib/form-data';

function serviceFromForm(fd: FormData) {
  const protocol = text(fd, 'protocol');
  const forwarding = text(fd, 'forwarding');
  return {
    name: text(fd, 'name'),
    protocol,
    port: numberOrNull(fd, 'port'),
    fwmark: protocol === 'fwmark' ? numberOrNull(fd, 'fwmark') : null,
    scheduler: text(fd, 'scheduler'),
    schedulerFlags: all(fd, 'schedulerFlags'),
    persistence: checked(fd, 'persistent') ? { timeout: numberOrNull(fd, 'persistence.timeout'), netmask: optionalText(fd, 'persistence.netmask') } : null,
    forwarding,
    tunnelType: forwarding === 'tun' ? optionalText(fd, 'tunnelType') : null,
    upperThreshold: numberOrNull(fd, 'upperThreshold') ?? 0,
    lowerThreshold: numberOrNull(fd, 'lowerThreshold') ?? 0,
    description: text(fd, 'description'),
  };
}

export async function saveServiceAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseOrThrow(serviceSchema, serviceFromForm(fd));
    const id = optionalText(fd, 'id');
    if (id) await updateService(user, parseOrThrow(idSchema, id), input);
    else await createService(user, input);
  });
}

export async function deleteServiceAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteService(user, parseOrThrow(idSchema, id));
  });
}
