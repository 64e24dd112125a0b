/**
 * The process-wide live monitor: the poller wired to the SSH pool and the database. Kept on
 * globalThis so Next.js dev reloads (which re-evaluate modules) reuse the running loops instead of
 * starting a second set; server-only (it holds opened credentials).
 */
import { pollIntervalMs } from '../config';
import { loadEndpoints } from '../queries/endpoints';
import { listNodes } from '../queries/model';
import { lastAppliedDesired, newestAppliedVersionId } from '../queries/versions';
import { sshPool, type SshEndpoint } from '../ssh';
import { createPoller, type Poller, type PollTarget } from './poller';

export { createPoller, type Poller, type PollTarget, type PollerOptions, type PollerStats } from './poller';

interface SshTarget extends PollTarget {
  endpoint: SshEndpoint;
}

async function loadSshTargets(): Promise<SshTarget[]> {
  const [nodes, endpoints] = await Promise.all([listNodes(), loadEndpoints()]);
  return nodes.flatMap((n) => {
    const endpoint = endpoints.get(n.id);
    return endpoint ? [{ nodeId: n.id, name: n.name, address: n.address, endpoint }] : [];
  });
}

const GLOBAL_KEY = Symbol.for('lvs-console.live-monitor');
type Holder = { [GLOBAL_KEY]?: Poller };

export function liveMonitor(): Poller {
  const g = globalThis as Holder;
  return (g[GLOBAL_KEY] ??= createPoller<SshTarget>({
    intervalMs: pollIntervalMs(),
    exec: (t, script, timeoutMs) => sshPool().exec(t.nodeId, t.endpoint, { script }, { timeoutMs }),
    loadTargets: loadSshTargets,
    // A save or re-apply holds the node's write lock while it changes the table.
    busy: (t) => sshPool().isNodeLocked(t.nodeId),
    desiredVersion: newestAppliedVersionId,
    async loadDesired() {
      const saved = await lastAppliedDesired();
      return saved ? { version: saved.version, ipvs: new Map([...saved.desired].map(([id, d]) => [id, d.ipvs])) } : null;
    },
  }));
}
