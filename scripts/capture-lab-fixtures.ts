/**
 * Captures real output of every ipvsadm / proc / iproute2 format the console parses, from a lab
 * director holding a varied table (DR/NAT/TUN, tcp/udp/sctp/fwmark, persistence with netmask,
 * scheduler flags, thresholds) after real traffic and more than 10,000 UDP connection entries.
 * Writes lib/ipvs/__fixtures__/lab/ (large files gzipped). Run: LVS_LAB_STATE=… npx tsx scripts/capture-lab-fixtures.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { attachLab } from '../lab/harness';
import { BOOT_PATHS } from '../lib/ipvs/boot-files';
import { buildLiveStateScript, buildPollScript } from '../lib/ipvs/read-script';

const OUT = path.resolve('lib/ipvs/__fixtures__/lab');
const VIP = '10.10.0.100';
const UDP_DATAGRAMS = 15_000; // source ports are drawn at random: ~12,000 distinct entries

const TABLE = [
  `-A -t ${VIP}:80 -s lc -p 360`,
  `-a -t ${VIP}:80 -r 10.10.0.12:80 -g -w 200`,
  `-a -t ${VIP}:80 -r 10.10.0.13:80 -g -w 100`,
  `-A -u ${VIP}:53 -s wrr`,
  `-a -u ${VIP}:53 -r 10.10.0.12:53 -g -w 3`,
  `-a -u ${VIP}:53 -r 10.10.0.13:53 -g -w 1`,
  '-A -t 10.10.0.101:443 -s sh -b sh-fallback,sh-port',
  '-a -t 10.10.0.101:443 -r 10.10.0.12:443 -g -w 1 -x 100 -y 10',
  '-A -t 10.10.0.102:80 -s rr',
  '-a -t 10.10.0.102:80 -r 10.10.0.13:80 -i -w 5',
  '-A -t 10.10.0.103:80 -s mh -b mh-port -p 60 -M 255.255.255.0',
  '-a -t 10.10.0.103:80 -r 10.10.0.12:8080 -m -w 2',
  '-A -f 5 -s wlc',
  '-a -f 5 -r 10.10.0.12:0 -g -w 1',
  `--add-service --sctp-service ${VIP}:3868 -s rr`,
  `--add-server --sctp-service ${VIP}:3868 -r 10.10.0.13:3868 -m -w 1`,
];

async function main() {
  const lab = attachLab(process.env.LVS_LAB_STATE);
  await lab.resetAll();
  await lab.run('lab1', ['modprobe', '-a', 'ip_vs', 'ip_vs_lc', 'ip_vs_wrr', 'ip_vs_sh', 'ip_vs_rr', 'ip_vs_mh', 'ip_vs_wlc']);
  await lab.exec('lab1', `ipvsadm-restore <<'RULES'\n${TABLE.join('\n')}\nRULES`).then((r) => {
    if (r.code !== 0) throw new Error(`restore: ${r.stderr}`);
  });
  await lab.run('lab1', ['ip', 'addr', 'add', `${VIP}/32`, 'dev', 'eth0', 'label', 'eth0:lvs']);
  await lab.run('lab1', ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
  for (const rs of ['lab2', 'lab3']) {
    await lab.run(rs, ['sysctl', '-q', '-w', 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2']);
    await lab.run(rs, ['ip', 'addr', 'add', `${VIP}/32`, 'dev', 'lo', 'label', 'lo:lvs']);
  }
  const tally = await lab.client.requests(VIP, 80, 40, { from: 'lab4' });
  console.log('http through the VIP:', tally);
  // Each bash /dev/udp redirection opens a new socket (a new source port): one IPVS entry each, no fork.
  const ports = (await lab.run('lab4', ['sysctl', '-n', 'net.ipv4.ip_local_port_range'])).trim().split(/\s+/).join(' ');
  await lab.run('lab4', ['sysctl', '-q', '-w', 'net.ipv4.ip_local_port_range=1024 65000']);
  const udp = await lab.exec('lab4', `bash -c 'for ((i = 0; i < ${UDP_DATAGRAMS}; i++)); do exec 3>/dev/udp/${VIP}/53; printf x >&3; exec 3>&-; done'`, { timeoutMs: 600_000 });
  await lab.run('lab4', ['sysctl', '-q', '-w', `net.ipv4.ip_local_port_range=${ports}`]);
  if (udp.code !== 0) throw new Error(`udp: ${udp.stderr}`);
  await new Promise((r) => setTimeout(r, 4_000)); // let the rate estimator run

  fs.mkdirSync(OUT, { recursive: true });
  const save = (name: string, text: string, gzip = false) => {
    fs.writeFileSync(path.join(OUT, gzip ? `${name}.gz` : name), gzip ? zlib.gzipSync(text, { level: 9 }) : text);
    console.log(`${name}: ${text.split('\n').length} lines${gzip ? ' (gzipped)' : ''}`);
  };
  const run = (cmd: string) => lab.run('lab1', cmd);
  save('ipvsadm-Sn.txt', await run('ipvsadm -Sn'));
  save('ipvsadm-Ln.txt', await run('ipvsadm -Ln'));
  save('ipvsadm-Ln-thresholds.txt', await run('ipvsadm -Ln --thresholds --exact'));
  save('ipvsadm-Ln-persistent-conn.txt', await run('ipvsadm -Ln --persistent-conn --exact'));
  save('ipvsadm-Ln-stats.txt', await run('ipvsadm -Ln --stats --exact'));
  save('ipvsadm-Ln-rate.txt', await run('ipvsadm -Ln --rate --exact'));
  save('proc-ip_vs.txt', await run('cat /proc/net/ip_vs'));
  save('proc-ip_vs_stats.txt', await run('cat /proc/net/ip_vs_stats'));
  // The two views of the connection table, read back to back.
  const [conn, lnc] = [await run('cat /proc/net/ip_vs_conn'), await run('ipvsadm -Lnc')];
  save('proc-ip_vs_conn.txt', conn, true);
  save('ipvsadm-Lnc.txt', lnc, true);
  save('ip-addr.json', await run('ip -j -4 addr show'));
  save('ip-route-default.json', await run('ip -j -4 route show default'));
  const keys = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.arp_ignore', 'net.ipv4.conf.all.arp_announce', 'net.ipv4.conf.eth0.send_redirects'];
  save('live-state.out', (await lab.exec('lab1', buildLiveStateScript({ sysctlKeys: keys, bootFilePaths: Object.values(BOOT_PATHS) }))).stdout);
  save('poll.out', (await lab.exec('lab1', buildPollScript({ connections: false }))).stdout);
  await lab.resetAll();
  lab.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
