'use server';
import { actionUser } from '@/lib/auth/current';
import { serviceSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createService, deleteService, updateService } from '@/lib/queries/services';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { all, checked, numberOrNull, optionalText, text } from '@/lib/api/form-data';

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
    healthCheck: checked(fd, 'healthCheck.enabled') ? healthCheckFromForm(fd) : null,
    sorryServer: checked(fd, 'sorryServer.enabled') ? { address: text(fd, 'sorryServer.address'), port: numberOrNull(fd, 'sorryServer.port') } : null,
  };
}

/** Empty optional fields are left out so the schema's defaults apply; web-only fields only for web checks. */
function healthCheckFromForm(fd: FormData) {
  const type = text(fd, 'healthCheck.type');
  const web = type === 'http' || type === 'https';
  const num = (k: string) => numberOrNull(fd, `healthCheck.${k}`);
  const out: Record<string, unknown> = { type, onFailure: text(fd, 'healthCheck.onFailure') };
  for (const k of ['intervalMs', 'timeoutMs', 'fall', ...(type === 'ping' ? [] : ['port']), ...(web ? ['expectStatus'] : [])]) {
    if (num(k) !== null) out[k] = num(k);
  }
  if (web) {
    out.path = text(fd, 'healthCheck.path') || '/';
    out.expectText = optionalText(fd, 'healthCheck.expectText');
  }
  return out;
}

export async function saveServiceAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const input = parseForm(serviceSchema, serviceFromForm(fd));
    const id = optionalText(fd, 'id');
    if (id) await updateService(user, parseForm(idSchema, id), input);
    else await createService(user, input);
  });
}

export async function deleteServiceAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    await deleteService(user, parseForm(idSchema, id));
  });
}
