/**
 * npm run demo — a new user's first minute: boots a 4-node lab (lab1 director, lab2 + lab3 real
 * servers, lab4 client), fills a demo database with the matching model (lab credentials and pinned
 * host keys), saves state to the nodes, starts traffic through the VIP and serves the console.
 * Ctrl-C stops the console, the traffic and the lab.
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { attachLab, bootLab } from '../lab/harness';

const dataDir = path.resolve(process.env.LVS_CONSOLE_DATA_DIR ?? 'data/demo');
const port = process.env.PORT ?? '777';

async function main() {
  console.log('booting the lab (about 30–60 s under emulation)…');
  const own = !process.env.LVS_LAB_STATE;
  const lab = own ? await bootLab(4) : attachLab(process.env.LVS_LAB_STATE);
  await lab.resetAll();

  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  process.env.LVS_CONSOLE_DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${path.join(dataDir, 'console.db')}`;
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { stdio: 'ignore', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });

  const { createFirstAdmin } = await import('../lib/auth/users');
  const { createService } = await import('../lib/queries/services');
  const { createNode } = await import('../lib/queries/nodes');
  const { createNodeGroup } = await import('../lib/queries/node-groups');
  const { createVirtualNode } = await import('../lib/queries/virtual-nodes');
  const { setMasterPriority, setWeights } = await import('../lib/queries/cluster-settings');
  const { nodeSchema, serviceSchema } = await import('../lib/cluster/schemas');
  const { saveState } = await import('../lib/save/save-state');
  const { sshPool } = await import('../lib/ssh');

  const password = crypto.randomBytes(9).toString('base64url');
  const actor = await createFirstAdmin('admin', password);
  const httpd = await createService(actor, serviceSchema.parse({ name: 'httpd', protocol: 'tcp', port: 80, scheduler: 'wlc', forwarding: 'dr', description: 'demo web service' }));
  const ids: Record<string, string> = {};
  for (const n of lab.nodes.slice(0, 3)) {
    const node = await createNode(actor, nodeSchema.parse({
      name: n.name, address: n.clusterAddress, vipInterface: 'eth0', services: n.name === 'lab1' ? [] : [httpd.id],
      ssh: { host: n.sshHost, port: n.sshPort, user: 'root', privateKey: lab.privateKey, hostKeyFingerprint: n.hostKeyFingerprint },
      notes: n.name === 'lab1' ? 'director' : 'real server',
    }));
    ids[n.name] = node.id;
  }
  const group = await createNodeGroup(actor, { name: 'web', nodes: [ids.lab2, ids.lab3], services: [httpd.id] });
  await createVirtualNode(actor, { name: 'www', vip: '10.10.0.100', netmask: '255.255.255.255', interface: null, services: [httpd.id], nodeGroup: group.id });
  await setWeights(actor, [{ node: ids.lab2, service: httpd.id, weight: 200 }, { node: ids.lab3, service: httpd.id, weight: 100 }]);
  await setMasterPriority(actor, { nodes: [ids.lab1], preempt: true, failover: null });
  const saved = await saveState(actor, { dryRun: false });
  for (const n of saved.nodes) console.log(`  save ${n.name}: ${n.status}${n.error ? ` (${n.error.code}: ${n.error.message})` : ''}`);
  sshPool().closeAll();

  const traffic = await lab.client.start('10.10.0.100', 80, { from: 'lab4', intervalMs: 200 });
  const consoleProcess = spawn('bash', ['scripts/start.sh'], { stdio: 'inherit', env: { ...process.env, PORT: port } });
  console.log(`\nLVS Console: https://localhost:${port}/ (its self-signed certificate: see the fingerprint printed below)  user admin  password ${password}`);
  console.log('lab4 sends requests to VIP 10.10.0.100:80; open Live to watch them. Ctrl-C stops everything.\n');

  const stop = async () => {
    consoleProcess.kill('SIGTERM');
    await traffic.stop().catch(() => undefined);
    lab.close();
    if (own) await lab.down();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  consoleProcess.on('exit', (code) => {
    if (code) console.error(`console exited with ${code}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
