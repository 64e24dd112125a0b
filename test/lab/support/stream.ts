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
