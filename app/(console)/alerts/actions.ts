'use server';
import { actionUser } from '@/lib/auth/current';
import { channelIdByRef, listChannels, replaceChannels } from '@/lib/alerts/channels';
import { sendTestAlert } from '@/lib/alerts/dispatcher';
import { channelFromForm, splitAddresses, storedAsInput, withRekeyedFields } from '@/lib/alerts/form-input';
import { AlertTestBody, AlertsPut } from '@/lib/alerts/schemas';
import { invalid } from '@/lib/errors';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { numberOrNull, optionalText, text } from '@/lib/api/form-data';

// The same permission, schema and write as PUT /api/v1/alerts (lib/api/event-routes.ts putAlerts).

/** Saves the channel in the form: the stored ones stay as they are (secrets kept), this one is added or replaced. */
export async function saveChannelAction(fd: FormData): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const index = numberOrNull(fd, 'index');
    if (index === null || !Number.isInteger(index) || index < 0 || index > 50) throw invalid({ index: 'must be a channel position' });
    const input = channelFromForm(fd, `channels.${index}.`);
    const id = optionalText(fd, `channels.${index}.id`);
    const others = (await listChannels()).filter((c) => c.id !== id).map(storedAsInput);
    // The edited channel goes last, so a clash of names is reported on it, not on the stored one.
    const at = others.length;
    await withRekeyedFields(async () => {
      const body = parseForm(AlertsPut, { channels: [...others, input] });
      await replaceChannels(body.channels, user);
    }, at, index, splitAddresses(text(fd, `channels.${index}.to`)));
  });
}

export async function deleteChannelAction(id: string): Promise<FormState> {
  return runAction(async () => {
    const user = await actionUser('edit-model');
    const body = parseForm(AlertsPut, { channels: (await listChannels()).filter((c) => c.id !== id).map(storedAsInput) });
    await replaceChannels(body.channels, user);
  });
}

/** POST /api/v1/alerts/test's path: one attempt, recorded in the delivery log (which the revalidation refreshes). */
export async function testChannelAction(channel: string): Promise<FormState> {
  let result: { ok: boolean; error?: string } = { ok: false };
  const state = await runAction(async () => {
    await actionUser('edit-model');
    const body = parseForm(AlertTestBody, { channel });
    result = await sendTestAlert(await channelIdByRef(body.channel));
  });
  if (!state.ok) return state;
  return result.ok ? { ok: true } : { ok: false, error: result.error ?? 'send failed' };
}
