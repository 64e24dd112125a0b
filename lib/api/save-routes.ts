/**
 * POST /api/v1/save-state {dryRun, nodes?, fixNatGateway?} → {version, activeDirector, nodes}.
 * With `Accept: application/x-ndjson` the answer streams one JSON line per progress event and
 * ends with {"result": …}, which is how the UI shows each node as it happens.
 */
import { requestUser } from '../auth/current';
import { saveState } from '../save/service';
import { saveRequestSchema } from '../save/schema';
import { errorResponse, parseWith, readJson } from './respond';

export async function postSaveState(request: Request) {
  const user = await requestUser(request, 'save-state');
  const input = parseWith(saveRequestSchema, await readJson(request));
  if (!(request.headers.get('accept') ?? '').includes('application/x-ndjson')) return saveState(user, input);

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (obj: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
      try {
        send({ result: await saveState(user, input, (e) => send({ progress: e })) });
      } catch (e) {
        send({ error: await errorResponse(e).json() });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
}
