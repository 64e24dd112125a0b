/**
 * A long-lived streaming response through a VIP, for "connections kept": a CGI on the real server
 * (busybox httpd's cgi-bin) writes a line every 200 ms for 10 s, and a client reads it through the
 * VIP. In DR the server's lines go straight to the client, but the client's ACKs go through the
 * director: a director that takes over without the connection in its table answers them with a
 * reset, and the stream breaks. Complete means all 50 lines and the closing "done".
 */
import type { Lab } from '@/lab/harness';

export const STREAM_LINES = 50;
const CGI = '/srv/www/cgi-bin/stream';

/** Put the CGI on a real server (its httpd serves /srv/www). */
export async function installStream(lab: Lab, server: string): Promise<void> {
  await lab.run(server, `mkdir -p /srv/www/cgi-bin
cat > ${CGI} <<'EOF'
#!/bin/sh
printf 'Content-Type: text/plain\\r\\n\\r\\n'
i=0
while [ "$i" -lt ${STREAM_LINES} ]; do echo "line $i"; i=$((i+1)); sleep 0.2; done
echo done
EOF
chmod 755 ${CGI}`);
}

export async function removeStream(lab: Lab, server: string): Promise<void> {
  await lab.run(server, `rm -f ${CGI}`);
}

/**
 * The stream's client port, read on the client: the one connection to the VIP that is still
 * established a second later (the client loop's requests come and go).
 */
export async function streamPort(lab: Lab, client: string, vip: string): Promise<string> {
  const sample = async () => new Set((await lab.run(client, `ss -Htn state established dst ${vip}:80`)).split('\n').map((l) => l.trim().split(/\s+/)[2]?.split(':').at(-1)).filter((p): p is string => !!p));
  for (let i = 0; i < 10; i++) {
    const first = await sample();
    await new Promise((res) => setTimeout(res, 1_000));
    const both = [...await sample()].filter((p) => first.has(p));
    if (both.length === 1) return both[0]!;
  }
  throw new Error(`no single long-lived connection to ${vip}:80 on ${client}`);
}

/**
 * Waits until BACKUP's kernel has the connection from the master's sync daemon. The kernel sends a
 * partly filled sync buffer only when it is 2 s old: a younger connection is not on the backup yet.
 */
export async function waitSynced(lab: Lab, backup: string, clientAddress: string, port: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await lab.run(backup, ['ipvsadm', '-Lnc'])).includes(` ${clientAddress}:${port} `)) {
    if (Date.now() > until) throw new Error(`${backup} never got ${clientAddress}:${port} from the sync daemon`);
    await new Promise((res) => setTimeout(res, 300));
  }
}

export interface StreamResult { lines: number; done: boolean; rc: number | null; raw: string }

/** Start reading the stream on the client; the returned function waits (up to 40 s) for its end. */
export async function startStream(lab: Lab, client: string, vip: string): Promise<() => Promise<StreamResult>> {
  await lab.run(client, `mkdir -p /run/lab; rm -f /run/lab/stream.out /run/lab/stream.rc
setsid sh -c 'busybox wget -q -O - http://${vip}/cgi-bin/stream > /run/lab/stream.out 2>/dev/null; echo $? > /run/lab/stream.rc' </dev/null >/dev/null 2>&1 &`);
  return async () => {
    const deadline = Date.now() + 40_000;
    let rc = '';
    while (Date.now() < deadline) {
      rc = (await lab.run(client, 'cat /run/lab/stream.rc 2>/dev/null; true')).trim();
      if (rc !== '') break;
      await new Promise((res) => setTimeout(res, 500));
    }
    if (rc === '') await lab.run(client, "pkill -f 'cgi-bin/stream' 2>/dev/null; true");
    const raw = await lab.run(client, 'cat /run/lab/stream.out 2>/dev/null; true');
    const got = raw.split('\n');
    return { lines: got.filter((l) => /^line \d+$/.test(l)).length, done: got.includes('done'), rc: rc === '' ? null : Number(rc), raw };
  };
}
