/**
 * The process-wide live monitor: the poller wired to the SSH pool and the database. Kept on
 * globalThis so Next.js dev reloads (which re-evaluate modules) reuse the running loops instead of
 * starting a second set; server-only (it holds opened credentials).
 */
import { pollIntervalMs } from '../config';
import { loadEndpoints } from '../queries/endpoints';
import { listNodes } from '../queries/model';
import { lastAppliedToNodes, versionsStamp } from '../queries/versions';
import { recoveryDone, recoveryFinished } from '../save/recovery';
import { sshPool, type SshEndpoint } from '../ssh';
import { addEventDetail, eventCursor, ingestNodeLog } from '../events/store';
import { attachDoctorReports } from '../doctor/attach';
import { runDoctor } from '../doctor/run';
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

const doctorDeps = {
  run: (node: string, service: string) => runDoctor(node, service),
  store: (id: number, report: unknown) => addEventDetail(id, 'doctor', report),
  now: () => Date.now(),
  log: (line: string) => console.warn(line),
};

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
    desiredVersion: versionsStamp,
    // keepalived's event log rides in the same poll, from where the store left off: exactly once.
    eventCursor: (t) => eventCursor(t.nodeId),
    // A fresh rs-down gets the doctor's report attached, off the loop: the next poll does not wait.
    onEvents: async (t, chunk) => { void attachDoctorReports(await ingestNodeLog(t.nodeId, chunk), doctorDeps); },
    // Drift is judged per node against what was last applied to that node, and not before an
    // interrupted save was resolved (until then no table is known to be what the node should hold).
    async loadDesired() {
      void recoveryDone(); // started here too when no server start-up (instrumentation) ran it
      if (!recoveryFinished()) return null;
      const [stamp, applied] = await Promise.all([versionsStamp(), lastAppliedToNodes()]);
      if (stamp === null) return null;
      return {
        version: stamp,
        ipvs: new Map([...applied].map(([id, a]) => [id, a.desired.ipvs])),
        versions: new Map([...applied].map(([id, a]) => [id, a.version])),
      };
    },
  }));
}
