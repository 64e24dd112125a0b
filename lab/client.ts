/**
 * The traffic client: HTTP requests to a VIP from a lab node, each answered page naming the real
 * server. Scripts are built from validated values only (an IPv4 address, a port, a count).
 */
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export type TrafficTally = {
  total: number;
  ok: number;
  failed: number;
  /** Of the failed: requests the client gave up on after its 5 s deadline (a black hole, or a starved emulated CPU). */
  timedOut: number;
  /** Answers per real server name (the page body). */
  byServer: Record<string, number>;
};

export function targetUrl(vip: string, port: number): string {
  if (!IPV4.test(vip)) throw new Error(`not an IPv4 address: ${JSON.stringify(vip)}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${port}`);
  return `http://${vip}:${port}/`;
}

function boundedInt(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${what} must be an integer ${min}..${max}`);
  return value;
}

/**
 * One request: "ok NAME", "fail timeout" (timeout's exit 124) or "fail CODE" (refused, reset: a fast
 * failure). busybox wget -T segfaults, hence the timeout wrapper.
 */
const oneRequest = (url: string) =>
  `if r=$(timeout 5 wget -q -O - ${url} 2>/dev/null); then printf 'ok %s\\n' "$r"; elif [ $? -eq 124 ]; then echo fail timeout; else echo fail; fi`;

export function requestLoopScript(vip: string, port: number, count: number): string {
  const url = targetUrl(vip, port);
  const n = boundedInt(count, 1, 100_000, 'request count');
  return `i=0\nwhile [ $i -lt ${n} ]; do\n  ${oneRequest(url)}\n  i=$((i+1))\ndone\n`;
}

/** Runs until the stop file appears, so stopping never cuts a request in half. */
export function backgroundLoopScript(id: string, vip: string, port: number, intervalMs: number): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error('bad traffic id');
  const url = targetUrl(vip, port);
  const pause = (boundedInt(intervalMs, 0, 60_000, 'interval') / 1000).toFixed(3);
  const base = `/run/lab/traffic-${id}`;
  const loop = `while [ ! -e ${base}.stop ]; do ${oneRequest(url)}; sleep ${pause}; done`;
  return `mkdir -p /run/lab\nsetsid sh -c '${loop.replace(/'/g, `'\\''`)}' > ${base}.log 2>&1 < /dev/null &\necho $! > ${base}.pid\n`;
}

export function stopLoopScript(id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error('bad traffic id');
  const base = `/run/lab/traffic-${id}`;
  return [
    `touch ${base}.stop`,
    `pid=$(cat ${base}.pid)`,
    // A request in flight finishes (at most the 5 s wget timeout) before the loop sees the stop file.
    'i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done',
    `kill "$pid" 2>/dev/null; cat ${base}.log; rm -f ${base}.*`,
    '',
  ].join('\n');
}

export function tallyResponses(output: string): TrafficTally {
  const tally: TrafficTally = { total: 0, ok: 0, failed: 0, timedOut: 0, byServer: {} };
  for (const line of output.split('\n')) {
    if (line === 'fail' || line === 'fail timeout') {
      tally.total++; tally.failed++;
      if (line === 'fail timeout') tally.timedOut++;
    } else if (line.startsWith('ok ')) {
      const server = line.slice(3).trim();
      tally.total++; tally.ok++;
      tally.byServer[server] = (tally.byServer[server] ?? 0) + 1;
    }
  }
  return tally;
}
