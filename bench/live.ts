/**
 * npm run bench:live — prints ratios, not pass/fail:
 *  (a) parsing 100,000 /proc/net/ip_vs_conn entries: time and retained memory against the floor of
 *      merely reading the same bytes (decode to a string + find every line end);
 *  (b) the console's CPU per polled node, polling 3 lab nodes every 1 s over the real SSH pool,
 *      with 10 SSE viewers connected against 1 viewer (viewers run in a child process, so only the
 *      polling + fan-out side is measured), and the poll counts of both runs (must be equal).
 * Uses LVS_LAB_STATE when set, else boots (and stops) its own 3-node lab.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { attachLab, bootLab, type Lab } from '../lab/harness';
import { parseProcConnections } from '../lib/ipvs/parse-conn';
import { fakeConnTable } from '../lib/monitor/__fixtures__/fake-node';
import { createPoller, type PollTarget } from '../lib/monitor/poller';
import { sseEvent } from '../lib/monitor/sse';
import { sshPool, type SshEndpoint } from '../lib/ssh';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function retained<T>(make: () => T): { value: T; bytes: number } {
  gc();
  const before = process.memoryUsage();
  const value = make();
  gc();
  const after = process.memoryUsage();
  return { value, bytes: after.heapUsed + after.external + after.arrayBuffers - (before.heapUsed + before.external + before.arrayBuffers) };
}

function parseBench(entries: number): void {
  const bytes = Buffer.from(`${fakeConnTable(entries)}\n`);
  const floorTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t0 = process.hrtime.bigint();
    const text = bytes.toString('utf8');
    let lines = 0;
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines++;
    floorTimes.push(ms(t0));
    t0 = process.hrtime.bigint();
    const conns = parseProcConnections(bytes.toString('utf8'));
    parseTimes.push(ms(t0));
    if (conns.length !== entries || lines !== entries + 1) throw new Error('bench input is not what it should be');
  }
  const floorMem = retained(() => bytes.toString('utf8'));
  const parsedMem = retained(() => parseProcConnections(bytes.toString('utf8')));
  const f = median(floorTimes);
  const p = median(parseTimes);
  console.log(`(a) ${entries.toLocaleString('en')} connection entries, ${(bytes.length / 1e6).toFixed(1)} MB of text`);
  console.log(`    read floor ${f.toFixed(1)} ms, parse ${p.toFixed(1)} ms (median of 7): time ratio ${(p / f).toFixed(1)}x`);
  console.log(`    retained: text ${(floorMem.bytes / 1e6).toFixed(1)} MB, parsed ${(parsedMem.bytes / 1e6).toFixed(1)} MB (${Math.round(parsedMem.bytes / entries)} B/entry): memory ratio ${(parsedMem.bytes / floorMem.bytes).toFixed(1)}x`);
  void floorMem.value;
  void parsedMem.value;
}

/** N EventSource-like readers in a child process; it reports the events it received when told to stop. */
const VIEWERS_SRC = `
const http = require('node:http');
const [url, n] = [process.argv[1], Number(process.argv[2])];
let events = 0;
for (let i = 0; i < n; i++) http.get(url, (res) => res.on('data', (d) => { events += String(d).split('event: node').length - 1; }));
process.on('message', () => { process.send(events); process.exit(0); });
`;

interface Target extends PollTarget { endpoint: SshEndpoint }

async function cpuRun(lab: Lab, viewers: number, seconds: number): Promise<{ cpuMs: number; polls: number; events: number; nodes: number }> {
  const targets: Target[] = lab.nodes.slice(0, 3).map((n) => ({
    nodeId: n.name, name: n.name, address: n.clusterAddress,
    endpoint: { host: n.sshHost, port: n.sshPort, user: 'root', hostKeyFingerprint: n.hostKeyFingerprint, credential: { kind: 'key', privateKey: lab.privateKey } },
  }));
  const poller = createPoller<Target>({
    intervalMs: 1_000,
    exec: (t, script, timeoutMs) => sshPool().exec(t.nodeId, t.endpoint, { script }, { timeoutMs }),
    loadTargets: async () => targets,
  });
  // The same framing as GET /api/v1/live/stream: one subscription per viewer, sseEvent per node result.
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const off = poller.subscribe((node) => res.write(sseEvent('node', node)));
    req.on('close', off);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const child = spawn(process.execPath, ['-e', VIEWERS_SRC, url, String(viewers)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await poller.touch();
  await new Promise((r) => setTimeout(r, 5_000)); // warm: connections open, JIT settled
  const polls0 = poller.stats().polls;
  const cpu0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  const cpu = process.cpuUsage(cpu0);
  const polls = poller.stats().polls - polls0;
  const events = await new Promise<number>((r) => {
    child.once('message', (m) => r(Number(m)));
    child.send('stop');
  });
  poller.stop();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return { cpuMs: (cpu.user + cpu.system) / 1_000, polls, events, nodes: targets.length };
}

async function main() {
  parseBench(100_000);
  const own = !process.env.LVS_LAB_STATE;
  const lab = own ? await bootLab(3) : attachLab(process.env.LVS_LAB_STATE);
  try {
    const seconds = Number(process.env.BENCH_SECONDS ?? 30);
    await cpuRun(lab, 1, 5); // warm-up, not counted: the first run would pay for connecting and JIT
    const one = await cpuRun(lab, 1, seconds);
    const ten = await cpuRun(lab, 10, seconds);
    const per = (r: typeof one) => r.cpuMs / seconds / r.nodes; // CPU ms per second per polled node
    console.log(`(b) ${one.nodes} lab nodes polled every 1 s for ${seconds} s over pooled ssh`);
    for (const [label, r] of [['1 viewer', one], ['10 viewers', ten]] as const) {
      console.log(`    ${label.padEnd(10)}: ${r.polls} polls, ${r.events} events delivered, CPU ${r.cpuMs.toFixed(0)} ms = ${per(r).toFixed(1)} ms/s per node (${(per(r) / 10).toFixed(2)}% of a core)`);
    }
    console.log(`    ratio 10 viewers / 1 viewer: CPU ${(per(ten) / per(one)).toFixed(2)}x, polls ${(ten.polls / one.polls).toFixed(2)}x`);
  } finally {
    sshPool().closeAll();
    if (own) await lab.down();
    else lab.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
