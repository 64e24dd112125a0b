'use server';
import { actionUser } from '@/lib/auth/current';
import { checkOverridesSchema, serviceSchema } from '@/lib/cluster/schemas';
import { id as idSchema } from '@/lib/cluster/primitives';
import { createService, deleteService, updateService } from '@/lib/queries/services';
import { setCheckOverrides } from '@/lib/queries/cluster-settings';
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

/** A probe's fields under `prefix`; empty optional fields are left out so the schema's defaults apply, web-only fields only for web checks. */
function probeFromForm(fd: FormData, prefix: string) {
  const type = text(fd, `${prefix}.type`);
  const web = type === 'http' || type === 'https';
  const num = (k: string) => numberOrNull(fd, `${prefix}.${k}`);
  const out: Record<string, unknown> = { type };
  for (const k of ['intervalMs', 'timeoutMs', 'fall', ...(type === 'ping' ? [] : ['port']), ...(web ? ['expectStatus'] : [])]) {
    if (num(k) !== null) out[k] = num(k);
  }
  if (web) {
    out.path = text(fd, `${prefix}.path`) || '/';
    out.expectText = optionalText(fd, `${prefix}.expectText`);
  }
  return out;
}

const healthCheckFromForm = (fd: FormData) => ({ ...probeFromForm(fd, 'healthCheck'), onFailure: text(fd, 'healthCheck.onFailure') });

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

/**
 * Per-node checks: each row is `co.<node>.<service>` with a mode (service = the service's check,
 * none = not checked on that node, own = the row's probe fields). The whole list replaces the stored
 * one; errors come back under the row's field names.
 */
export async function saveCheckOverridesAction(fd: FormData): Promise<FormState> {
  const rows = [...fd.keys()].filter((k) => k.startsWith('co.') && k.endsWith('.mode')).map((k) => k.slice(0, -'.mode'.length));
  const kept = rows.filter((r) => text(fd, `${r}.mode`) !== 'service');
  const entries = kept.map((r) => {
    const [, node, service] = r.split('.');
    return { node, service, healthCheck: text(fd, `${r}.mode`) === 'own' ? probeFromForm(fd, r) : null };
  });
  const state = await runAction(async () => {
    const user = await actionUser('edit-model');
    await setCheckOverrides(user, parseForm(checkOverridesSchema, entries));
  });
  if (state.fields) {
    // "2.healthCheck.path" → "co.<node>.<service>.path"; "2" → that row's mode.
    state.fields = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => {
      const [i, , ...rest] = k.split('.');
      const row = kept[Number(i)];
      return [row ? `${row}.${rest.length ? rest.join('.') : 'mode'}` : k, v];
    }));
  }
  return state;
}
