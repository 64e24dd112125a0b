/**
 * npm run bench:apply — on 3 lab nodes (+ a client), prints:
 *  1. save-to-kernel time (a weight change, saved; every table updated) as a ratio to one bare ssh
 *     round trip on a warm connection;
 *  2. failed requests during 20 saves under traffic, against a flush-and-restore apply
 *     (`ipvsadm -C` then `ipvsadm-restore`) measured the same way.
 * Uses LVS_LAB_STATE when set, else boots (and stops) its own 4-node lab.
 */
import { benchOnLab } from './on-lab';

const SAVES = 20;

benchOnLab(4, async (lab) => {
  const { api } = await import('../test/support/api-client');
  const { enterLabCluster, ok, save } = await import('../test/lab/support/console');
  const { sshPool } = await import('../lib/ssh');
  const { loadEndpoints } = await import('../lib/queries/endpoints');
  const c = await enterLabCluster(api, lab, 'dr');
  await save(api, c.token);

  // 1. bare round trip on the warm pooled connection vs a whole save.
  const endpoints = await loadEndpoints();
  const rtts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await sshPool().exec(c.nodes.lab1, endpoints.get(c.nodes.lab1)!, { argv: ['true'] });
    rtts.push(performance.now() - t);
  }
  const setWeights = (a: number, b: number) =>
    api('PUT', '/api/v1/weights', { token: c.token, body: [{ node: c.nodes.lab2, service: c.service, weight: a }, { node: c.nodes.lab3, service: c.service, weight: b }] }).then(ok);
  const saveTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    await setWeights(3 + (i % 2), 1);
    const t = performance.now();
    const r = await save(api, c.token);
    saveTimes.push(performance.now() - t);
    if (r.nodes.some((n) => n.status === 'failed')) throw new Error(`save failed: ${JSON.stringify(r.nodes)}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rtt = median(rtts);
  const saveMs = median(saveTimes);
  console.log(`warm ssh round trip (median of ${rtts.length}): ${rtt.toFixed(0)} ms`);
  console.log(`save → all kernel tables updated, 3 nodes (median of ${saveTimes.length}): ${saveMs.toFixed(0)} ms`);
  console.log(`ratio save / round trip: ${(saveMs / rtt).toFixed(1)}x`);

  // 2. failed requests under traffic: incremental saves vs flush-and-restore.
  let traffic = await lab.client.start('10.10.0.100', 80, { from: 'lab4' });
  for (let i = 0; i < SAVES; i++) {
    await setWeights(i % 2 ? 3 : 1, i % 2 ? 1 : 3);
    await save(api, c.token);
  }
  const incremental = await traffic.stop();
  const rules = await lab.run('lab1', ['ipvsadm', '-Sn']);
  traffic = await lab.client.start('10.10.0.100', 80, { from: 'lab4' });
  for (let i = 0; i < SAVES; i++) {
    const r = await lab.exec('lab1', `ipvsadm -C && ipvsadm-restore <<'RULES'\n${rules}RULES`);
    if (r.code !== 0) throw new Error(`flush-and-restore failed: ${r.stderr}`);
  }
  const flush = await traffic.stop();
  const rate = (t: { failed: number; total: number }) => `${t.failed} failed of ${t.total} (${((100 * t.failed) / Math.max(1, t.total)).toFixed(1)}%)`;
  console.log(`during ${SAVES} incremental saves: ${rate(incremental)}`);
  console.log(`during ${SAVES} flush-and-restore applies: ${rate(flush)}`);
  console.log(`failed-request ratio incremental / flush-and-restore: ${(incremental.failed / Math.max(1, flush.failed)).toFixed(2)}`);
  sshPool().closeAll();
});
