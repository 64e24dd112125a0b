/**
 * The live view's API. Every entry point authorises itself and only reads what the one process-wide
 * monitor already holds: no request ever adds a poll of its own (it only keeps the loops alive).
 *   GET  /api/v1/live                  → {intervalMs, nodes: LiveNode[], vips?: LiveVip[] (failover on)}
 *   GET  /api/v1/live/stream           → text/event-stream: `snapshot` once, then one `node` per poll
 *   GET  /api/v1/live/history?node=&address=&port=&service=&since=
 *   GET  /api/v1/live/connections?node=&client=&vip=&realServer=&state=&offset=&limit=
 *   POST /api/v1/live/reapply {node}   → reapplyNode, then an immediate poll of that node
 *   POST /api/v1/live/doctor {node, service} → the real-server doctor's report (reads over SSH)
 */
import { z } from 'zod';
import { requestUser } from '../auth/current';
import { notFound } from '../errors';
import { filterConnections } from '../ipvs/parse-conn';
import { liveMonitor } from '../monitor';
import { sseEvent } from '../monitor/sse';
import { reapplyNode } from '../save/reapply';
import { runDoctor } from '../doctor/run';
import { DoctorRequest, resolveDoctorTarget } from '../doctor/target';
import { loadModel } from '../queries/model';
import { liveVips } from '../monitor/vips';
import { parseWith, readJson } from './respond';

const endpointFilter = z.string().trim().regex(/^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/, 'must be an address or address:port').optional();
const nodeRef = z.string({ error: 'must name a node' }).trim().min(1, 'must name a node').max(64);
const int = (min: number, max: number, dflt: number) =>
  z.preprocess((v) => (v === null || v === '' || v === undefined ? dflt : Number(v)), z.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max));

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A node by id or by name, among the nodes the monitor polls. */
function resolveNode(ref: string): string {
  const nodes = liveMonitor().snapshot().nodes;
  const n = nodes.find((x) => x.node === ref) ?? nodes.find((x) => x.name === ref);
  if (!n) throw notFound('node');
  return n.node;
}

export async function getLive(request: Request) {
  await requestUser(request, 'read');
  const monitor = liveMonitor();
  await monitor.touch();
  const snapshot = monitor.snapshot();
  const vips = liveVips(await loadModel(), snapshot.nodes);
  return vips ? { ...snapshot, vips } : snapshot;
}

const historySchema = z.object({
  node: nodeRef,
  address: endpointFilter,
  port: int(0, 65535, -1).optional(),
  service: z.string().max(64).optional(),
  since: int(0, Number.MAX_SAFE_INTEGER, 0),
});

export async function getLiveHistory(request: Request) {
  await requestUser(request, 'read');
  const q = parseWith(historySchema, query(request));
  const monitor = liveMonitor();
  await monitor.touch();
  const node = resolveNode(q.node);
  const port = q.port === undefined || q.port < 0 ? undefined : q.port;
  return { node, intervalMs: monitor.intervalMs, series: monitor.history(node, { address: q.address, port, service: q.service }, q.since) ?? [] };
}

const connectionsSchema = z.object({
  node: nodeRef,
  client: endpointFilter,
  vip: endpointFilter,
  realServer: endpointFilter,
  state: z.string().regex(/^[A-Z_]{1,20}$/, 'must be a state like ESTABLISHED').optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  offset: int(0, 10_000_000, 0),
  limit: int(1, 1_000, 100),
});

export async function getLiveConnections(request: Request) {
  await requestUser(request, 'read');
  const q = parseWith(connectionsSchema, query(request));
  const monitor = liveMonitor();
  await monitor.touch();
  const node = resolveNode(q.node);
  const table = await monitor.connections(node);
  if (!table) return { node, available: false, polledAt: null, total: 0, offset: q.offset, items: [] };
  const page = filterConnections(table.list, { client: q.client, vip: q.vip, realServer: q.realServer, state: q.state, protocol: q.protocol }, { offset: q.offset, limit: q.limit });
  return { node, available: true, polledAt: table.polledAt, entries: table.list.length, total: page.total, offset: q.offset, items: page.items };
}

export async function postLiveReapply(request: Request) {
  const user = await requestUser(request, 'save-state');
  const body = parseWith(z.strictObject({ node: nodeRef }), await readJson(request));
  const monitor = liveMonitor();
  await monitor.touch();
  const node = resolveNode(body.node);
  const result = await reapplyNode(user, node);
  // Show the outcome at once instead of at the next tick; still the node's one loop.
  await monitor.pollNow(node);
  const live = monitor.snapshot().nodes.find((n) => n.node === node) ?? null;
  return { ...result, live };
}

/** Server-sent events: the same per-node objects as GET /api/v1/live, as they arrive. */
export async function getLiveStream(request: Request) {
  await requestUser(request, 'read');
  const monitor = liveMonitor();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: object) => {
        try {
          controller.enqueue(sseEvent(event, data));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = monitor.subscribe((n) => send('node', n));
      // A ping every 15 s keeps proxies from closing a quiet stream (all nodes idle or none configured).
      const keepAlive = setInterval(() => send('ping', { t: Date.now() }), 15_000);
      // Access is checked again every poll: a user disabled, demoted or signed out, or a token
      // revoked, stops receiving within one interval instead of for as long as the tab stays open.
      const recheck = setInterval(() => {
        requestUser(request, 'read').catch(() => {
          send('closed', { reason: 'access ended' });
          cleanup();
        });
      }, monitor.intervalMs);
      cleanup = () => {
        clearInterval(keepAlive);
        clearInterval(recheck);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
        cleanup = () => {};
      };
      request.signal.addEventListener('abort', () => cleanup());
      void monitor.touch().then(() => send('snapshot', monitor.snapshot()));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}

/** Why is it down: the doctor reads the real server and sends the check from the director. Operators and up: it opens SSH sessions. */
export async function postLiveDoctor(request: Request) {
  await requestUser(request, 'save-state');
  const body = parseWith(DoctorRequest, await readJson(request));
  const target = resolveDoctorTarget(await loadModel(), body);
  return runDoctor(target.nodeId, target.serviceId);
}
