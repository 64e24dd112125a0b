/**
 * POST /api/v1/save-state {dryRun, nodes?, fixNatGateway?} → {version, activeDirector, nodes}.
 * With `Accept: application/x-ndjson` the answer streams one JSON line per progress event and
 * ends with {"result": …}, which is how the UI shows each node as it happens.
 */
import { requestUser } from '../auth/current';
import { saveState } from '../save/save-state';
import { saveRequestSchema } from '../save/schema';
import { diffVersions, revertToVersion } from '../save/history';
import { getVersion, listVersions } from '../queries/versions';
import { invalid } from '../errors';
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

export async function getVersions(request: Request) {
  await requestUser(request, 'read');
  return listVersions();
}

/** Version ids are SQLite/Prisma Int (32-bit): anything larger can name no version and must not reach the query. */
const MAX_VERSION_ID = 2_147_483_647;
const versionId = (raw: string | null | undefined, field: string) => {
  const n = /^[1-9][0-9]{0,9}$/.test(raw ?? '') ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n > MAX_VERSION_ID) throw invalid({ [field]: 'must be a version number' });
  return n;
};

export async function getOneVersion(request: Request, ctx: { params: Promise<{ id: string }> }) {
  await requestUser(request, 'read');
  return getVersion(versionId((await ctx.params).id, 'id'));
}

export async function getVersionDiff(request: Request) {
  await requestUser(request, 'read');
  const q = new URL(request.url).searchParams;
  return diffVersions(versionId(q.get('from'), 'from'), versionId(q.get('to'), 'to'));
}

export async function postRevert(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await requestUser(request, 'edit-model');
  return revertToVersion(user, versionId((await ctx.params).id, 'id'));
}
