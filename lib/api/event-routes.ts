/** /api/v1/events and /api/v1/alerts: authorize, validate, hand off to lib/events and lib/alerts. */
import { requestUser } from '../auth/current';
import { EventQuery, eventQueryInput, toEventFilter } from '../events/query';
import { listEvents } from '../events/store';
import { channelIdByRef, listChannels, listDeliveries, replaceChannels } from '../alerts/channels';
import { sendTestAlert } from '../alerts/dispatcher';
import { AlertTestBody, AlertsPut } from '../alerts/schemas';
import { parseWith, readJson } from './respond';

export async function getEvents(request: Request) {
  await requestUser(request, 'read');
  const q = parseWith(EventQuery, eventQueryInput(new URL(request.url).searchParams), 'invalid query');
  return { events: await listEvents(toEventFilter(q)) };
}

// Channel settings name URLs and mailboxes (a webhook URL can itself be a credential): admins only.
export async function getAlerts(request: Request) {
  await requestUser(request, 'edit-model');
  const [channels, deliveries] = await Promise.all([listChannels(), listDeliveries()]);
  return { channels, deliveries };
}

export async function putAlerts(request: Request) {
  const user = await requestUser(request, 'edit-model');
  const body = parseWith(AlertsPut, await readJson(request));
  return { channels: await replaceChannels(body.channels, user) };
}

export async function postAlertTest(request: Request) {
  await requestUser(request, 'edit-model');
  const body = parseWith(AlertTestBody, await readJson(request));
  return sendTestAlert(await channelIdByRef(body.channel));
}
