/**
 * Calls the real route handlers in-process with real Request objects, so API tests exercise the
 * same code the server runs (validation, authorization, transactions) without a build.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;

const ROUTES: Array<[RegExp, () => Promise<RouteModule>, string[]]> = [
  [/^\/api\/v1\/setup$/, () => import('@/app/api/v1/setup/route'), []],
  [/^\/api\/v1\/tokens$/, () => import('@/app/api/v1/tokens/route'), []],
  [/^\/api\/v1\/tokens\/([^/]+)$/, () => import('@/app/api/v1/tokens/[id]/route'), ['id']],
  [/^\/api\/v1\/users$/, () => import('@/app/api/v1/users/route'), []],
  [/^\/api\/v1\/users\/([^/]+)$/, () => import('@/app/api/v1/users/[id]/route'), ['id']],
  [/^\/api\/v1\/weights$/, () => import('@/app/api/v1/weights/route'), []],
  [/^\/api\/v1\/check-overrides$/, () => import('@/app/api/v1/check-overrides/route'), []],
  [/^\/api\/v1\/switchover$/, () => import('@/app/api/v1/switchover/route'), []],
  [/^\/api\/v1\/master-priority$/, () => import('@/app/api/v1/master-priority/route'), []],
  [/^\/api\/v1\/export$/, () => import('@/app/api/v1/export/route'), []],
  [/^\/api\/v1\/import$/, () => import('@/app/api/v1/import/route'), []],
  [/^\/api\/v1\/audit$/, () => import('@/app/api/v1/audit/route'), []],
  [/^\/api\/v1\/save-state$/, () => import('@/app/api/v1/save-state/route'), []],
  [/^\/api\/v1\/versions$/, () => import('@/app/api/v1/versions/route'), []],
  [/^\/api\/v1\/versions\/diff$/, () => import('@/app/api/v1/versions/diff/route'), []],
  [/^\/api\/v1\/nodes\/([^/]+)\/admin-state$/, () => import('@/app/api/v1/nodes/[id]/admin-state/route'), ['id']],
  [/^\/api\/v1\/versions\/([^/]+)$/, () => import('@/app/api/v1/versions/[id]/route'), ['id']],
  [/^\/api\/v1\/versions\/([^/]+)\/revert$/, () => import('@/app/api/v1/versions/[id]/revert/route'), ['id']],
  [/^\/api\/v1\/live$/, () => import('@/app/api/v1/live/route'), []],
  [/^\/api\/v1\/live\/reapply$/, () => import('@/app/api/v1/live/reapply/route'), []],
  [/^\/api\/v1\/live\/doctor$/, () => import('@/app/api/v1/live/doctor/route'), []],
  [/^\/api\/v1\/live\/connections$/, () => import('@/app/api/v1/live/connections/route'), []],
  [/^\/api\/v1\/live\/stream$/, () => import('@/app/api/v1/live/stream/route'), []],
  [/^\/api\/v1\/live\/history$/, () => import('@/app/api/v1/live/history/route'), []],
  [/^\/api\/v1\/events$/, () => import('@/app/api/v1/events/route'), []],
  [/^\/api\/v1\/alerts$/, () => import('@/app/api/v1/alerts/route'), []],
  [/^\/api\/v1\/alerts\/test$/, () => import('@/app/api/v1/alerts/test/route'), []],
  [/^\/api\/v1\/([a-z-]+)$/, () => import('@/app/api/v1/[collection]/route'), ['collection']],
  [/^\/api\/v1\/([a-z-]+)\/([^/]+)$/, () => import('@/app/api/v1/[collection]/[id]/route'), ['collection', 'id']],
];

export interface ApiResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

/** Like api(), with a raw Cookie header instead of a bearer token (session callers). */
export async function routeFor(method: string, path: string, opts: { cookie: string; raw?: string }): Promise<ApiResult> {
  const [pathname] = path.split('?');
  for (const [re, load, names] of ROUTES) {
    const m = re.exec(pathname);
    if (!m) continue;
    const handler = (await load())[method as 'GET'];
    if (!handler) return { status: 405, body: null, text: '' };
    const req = new Request(`http://console.test${path}`, { method, headers: { 'content-type': 'application/json', cookie: opts.cookie }, body: opts.raw });
    const res = await handler(req, { params: Promise.resolve(Object.fromEntries(names.map((n, i) => [n, m[i + 1]]))) });
    const text = res.headers.get('content-type')?.includes('event-stream') ? (await res.body?.cancel(), '') : await res.text();
    let parsed: unknown = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, body: parsed, text };
  }
  throw new Error(`no route for ${path}`);
}

export async function api(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  opts: { body?: unknown; raw?: string; token?: string; basic?: [string, string] } = {},
): Promise<ApiResult> {
  const [pathname] = path.split('?');
  for (const [re, load, names] of ROUTES) {
    const m = re.exec(pathname);
    if (!m) continue;
    const mod = await load();
    const handler = mod[method];
    if (!handler) return { status: 405, body: null, text: '' };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.basic) headers.authorization = `Basic ${Buffer.from(opts.basic.join(':')).toString('base64')}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const req = new Request(`http://console.test${path}`, { method, headers, body });
    const params = Object.fromEntries(names.map((n, i) => [n, m[i + 1]]));
    const res = await handler(req, { params: Promise.resolve(params) });
    const text = res.headers.get('content-type')?.includes('event-stream') ? (await res.body?.cancel(), '') : await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, text };
  }
  throw new Error(`no route for ${path}`);
}
