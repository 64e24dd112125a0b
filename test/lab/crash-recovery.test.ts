/**
 * Issue 15 on real kernels: the console is killed (`kill -9` of its process) at each point of a
 * save, then restarted. A DR cluster goes from 1 to 7 virtual services (the director's table
 * changes; the real servers' do not). After each kill and restart: every node holds the old or the
 * new state, never a mix; the history holds the interrupted save with a per-node outcome that
 * matches what the node holds; the live view shows no drift; a second save completes normally.
 *
 * The console runs in a child process (test/lab/support/console-process.ts) with the real save,
 * recovery and live-view code; LVS_TEST_PAUSE_AT (lib/save/test-pause) stops it at a precise
 * point so the kill is deterministic. Needs the shared 4-node lab (LVS_LAB_STATE).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { attachLab, type Lab } from '@/lab/harness';
import { canonicalIpvsRules, renderIpvsRules } from '@/lib/ipvs/ipvsadm-args';
import type { LiveNode, SaveAnswer } from '@/lib/wire';
import { useTestDataDir, wipeDatabase } from '../support/test-db';
import { enterLabCluster, ok, save, type LabCluster } from './support/console';

const STATE = process.env.LVS_LAB_STATE;
useTestDataDir();
const { api } = await import('../support/api-client');
const { sshPool } = await import('@/lib/ssh');
const { getVersion, listVersions } = await import('@/lib/queries/versions');
const { loadEndpoints } = await import('@/lib/queries/endpoints');
const { readLiveState } = await import('@/lib/save/node-ops');
const { nodeHolds } = await import('@/lib/save/recovery');
const { PAUSED_MARK } = await import('@/lib/save/test-pause');
let lab: Lab;

const SCRIPT = path.resolve('test/lab/support/console-process.ts');
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');

/**
 * Runs the console process in a process group of its own; with `pauseAt`, kills the group
 * (SIGKILL: the tsx launcher and the node process running the console) once it reports the pause.
 */
function consoleProcess(command: 'save' | 'live', pauseAt?: string): Promise<{ killed: boolean; result: unknown }> {
  const env = { ...process.env, LVS_TEST_PAUSE_AT: pauseAt ?? '' };
  const child = spawn(process.execPath, [TSX, SCRIPT, command], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    err += d;
    if (pauseAt && err.includes(`${PAUSED_MARK} ${pauseAt}`)) process.kill(-child.pid!, 'SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && pauseAt) return resolve({ killed: true, result: null });
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`console process ${command} exited ${code ?? signal}: ${err.slice(-2000)}`));
      resolve({ killed: false, result: JSON.parse(line.slice('RESULT '.length)) });
    });
  });
}

/** The six more services on the director's VIP, attached wherever the first one is. */
async function addSixServices(c: LabCluster) {
  const ids = [c.service];
  for (let port = 81; port <= 86; port++) {
    ids.push(ok(await api('POST', '/api/v1/services', { token: c.token, body: { name: `web${port}`, protocol: 'tcp', port, scheduler: 'wlc', forwarding: 'dr' } })).id);
  }
  for (const n of ['lab2', 'lab3']) ok(await api('PUT', `/api/v1/nodes/${c.nodes[n]}`, { token: c.token, body: { services: ids } }));
  ok(await api('PUT', `/api/v1/node-groups/${c.group}`, { token: c.token, body: { services: ids } }));
  ok(await api('PUT', `/api/v1/virtual-nodes/${c.vn}`, { token: c.token, body: { services: ids } }));
}

/** Which of the two versions each node holds now, read through the console's own read and plan. */
async function heldBy(oldId: number, newId: number): Promise<Record<string, 'old' | 'new' | 'neither'>> {
  const [before, after, endpoints] = await Promise.all([getVersion(oldId), getVersion(newId), loadEndpoints()]);
  const held: Record<string, 'old' | 'new' | 'neither'> = {};
  for (const d of before.rendered) {
    const n = after.rendered.find((x) => x.nodeId === d.nodeId);
    const keys = [...new Set([...Object.keys(d.sysctls), ...Object.keys(n?.sysctls ?? {})])];
    const live = await readLiveState(d.nodeId, endpoints.get(d.nodeId)!, keys);
    held[d.nodeName] = nodeHolds(n, live) ? 'new' : nodeHolds(d, live) ? 'old' : 'neither';
  }
  return held;
}

/** The director's kernel table, checked apart from the console's code: old table or new, nothing else. */
async function directorTable(oldId: number, newId: number): Promise<'old' | 'new'> {
  const live = canonicalIpvsRules(await lab.run('lab1', ['ipvsadm', '-Sn']));
  // A save killed before its plan was written has no rendered state: only the old table is possible.
  const rules = async (id: number) => {
    const d = (await getVersion(id)).rendered.find((x) => x.nodeName === 'lab1');
    return d ? canonicalIpvsRules(renderIpvsRules(d.ipvs)) : null;
  };
  if (live === (await rules(newId))) return 'new';
  expect(live, 'the director holds the old table or the new one').toBe(await rules(oldId));
  return 'old';
}

describe.skipIf(!STATE)('a save the console does not live through (kill -9, restart)', () => {
  beforeEach(async () => {
    lab ??= attachLab(STATE);
    await wipeDatabase();
    sshPool().closeAll();
    await lab.resetAll();
  }, 180_000);
  afterAll(async () => {
    sshPool().closeAll();
    await lab?.resetAll();
    lab?.close();
  }, 180_000);

  // Where the kill lands, what the director must hold after it, and how the save is resolved
  // (the real servers had nothing to change: they hold the new state as much as the old one).
  it.each([
    ['before-read', 'old', 'failed'], // on record with its model only: nothing was read or planned
    ['during-read', 'old', 'failed'],
    ['node-applying', 'old', 'partial'], // the director's batch recorded as sent, not yet sent
    ['node-answered', 'new', 'applied'], // the director ran the batch; its answer never reached the record
    ['after-apply', 'new', 'applied'], // every answer on record, the end is not
  ] as const)('killed at %s: on record, resolved at restart, no false drift, next save normal', async (point, director, status) => {
    const c = await enterLabCluster(api, lab, 'dr');
    const first = await save(api, c.token);
    expect(first.nodes.map((n) => n.status)).toEqual(['applied', 'applied', 'applied']);
    await addSixServices(c);

    expect((await consoleProcess('save', point)).killed).toBe(true);
    const interrupted = (await listVersions())[0];
    expect(interrupted.id).toBeGreaterThan(first.version!);
    expect(interrupted.status, 'the save was on record before the kill').toBe('applying');

    // Restart: recovery at start-up, then the live view.
    const live = (await consoleProcess('live')).result as LiveNode[];
    const v = (await listVersions()).find((x) => x.id === interrupted.id)!;
    expect(v.interrupted).toBe(true);
    expect(await directorTable(first.version!, v.id)).toBe(director);
    const held = await heldBy(first.version!, v.id);
    for (const n of v.nodes) {
      expect(held[n.name], `${n.name} holds the old or the new state, never a mix`).not.toBe('neither');
      const outcome = n.recovered ?? (n.status === 'applied' || n.status === 'unchanged' ? 'applied' : 'not-applied');
      expect([n.name, outcome], 'history says what the node holds').toEqual([n.name, held[n.name] === 'new' ? 'applied' : 'not-applied']);
    }
    expect(v.status).toBe(status);
    // The director's batch was in flight: only reading it at restart can tell, and it did.
    const lab1 = v.nodes.find((n) => n.name === 'lab1')!;
    if (point === 'node-applying' || point === 'node-answered') expect([lab1.status, lab1.recovered]).toEqual(['applying', director === 'new' ? 'applied' : 'not-applied']);
    if (point === 'after-apply') expect([lab1.status, lab1.recovered]).toEqual(['applied', null]);
    const audit = ok(await api('GET', '/api/v1/audit?action=save-interrupted', { token: c.token }));
    expect(JSON.stringify(audit)).toContain(`"entityId":"${v.id}"`);
    expect(live.map((n) => [n.name, n.state, n.drift])).toEqual([['lab1', 'up', []], ['lab2', 'up', []], ['lab3', 'up', []]]);

    const again = (await consoleProcess('save')).result as SaveAnswer;
    expect(again.version).toBeGreaterThan(v.id);
    expect(again.nodes.map((n) => [n.name, n.status])).toEqual([['lab1', director === 'new' ? 'unchanged' : 'applied'], ['lab2', 'unchanged'], ['lab3', 'unchanged']]);
    expect((await getVersion(again.version!)).status).toBe('applied');
    expect(await directorTable(first.version!, again.version!)).toBe('new');
  }, 300_000);
});
