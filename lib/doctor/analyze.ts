/**
 * The doctor's judgement: pure functions from the model's facts and the parsed node output to
 * findings. Nothing here talks to a node, so every verdict has a table test over captured output.
 */
import { ARP_SUPPRESSION } from '../ipvs/render';
import { NO_REMEDY, remedy } from './remedies';
import type { DoctorContext, DoctorFinding, ListenSocket, ProbeResult, Reading, RealServerReadings } from './types';

const pass = (code: DoctorFinding['code'], detail: string): DoctorFinding => ({ code, ok: true, detail, remedy: NO_REMEDY });

/** A section that could not be read still yields its finding: not ok, naming what broke. */
function unread<T>(code: DoctorFinding['code'], r: Reading<T>, judge: (v: T) => DoctorFinding): DoctorFinding {
  if (r.ok) return judge(r.value);
  return { code, ok: false, detail: `could not read: ${r.error}`, remedy: remedy('read-failed') };
}

const isWildcard = (s: ListenSocket) => s.address === '0.0.0.0' || s.address === '::';
const shown = (s: ListenSocket) => (s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`);

export function judgeListen(ctx: DoctorContext, sockets: ListenSocket[]): DoctorFinding {
  const port = ctx.port!;
  const proto = ctx.protocol;
  const on = sockets.filter((s) => s.port === port);
  if (on.length === 0) {
    const others = [...new Set(sockets.map((s) => s.port))].sort((a, b) => a - b).slice(0, 12);
    return { code: 'listen', ok: false, detail: `nothing listens on ${proto} port ${port} (listening ports: ${others.join(', ') || 'none'})`, remedy: remedy('listen-none', { port }) };
  }
  const any = on.find(isWildcard);
  if (any) return pass('listen', `listens on ${shown(any)} (every address)`);
  const bound = on.map(shown).join(', ');
  if (ctx.forwarding === 'nat') {
    if (on.some((s) => s.address === ctx.ownAddress)) return pass('listen', `listens on ${ctx.ownAddress}:${port}, where the director sends clients`);
    return { code: 'listen', ok: false, detail: `listens only on ${bound}, not on ${ctx.ownAddress}:${port} where NAT delivers the clients: this is the cause`, remedy: remedy('listen-nat', { own: ctx.ownAddress, port, bound: on[0].address }) };
  }
  const onVip = on.filter((s) => ctx.vips.includes(s.address));
  if (onVip.length > 0) return pass('listen', `listens on ${onVip.map(shown).join(', ')} (the VIP)`);
  const own = on.some((s) => s.address === ctx.ownAddress) ? ` (the node's own address)` : '';
  const vip = ctx.vips.join(', ') || '(none)';
  return {
    code: 'listen',
    ok: false,
    detail: `listens only on ${bound}${own}, not on the VIP ${vip} or on every address: the packets the director forwards to the VIP find no socket. This is the cause (like Apache's \`Listen ${on[0].address}:${port}\` instead of \`Listen ${port}\`).`,
    remedy: remedy('listen-address', { vip, bound: shown(on[0]), port }),
  };
}

function judgeVipOn(code: 'dr-vip-on-lo' | 'tun-vip-on-tunl0', dev: string, ctx: DoctorContext, addrs: Array<{ address: string; dev: string }>): DoctorFinding {
  const missing = ctx.vips.filter((v) => !addrs.some((a) => a.dev === dev && a.address === v));
  if (missing.length === 0) return pass(code, `${ctx.vips.join(', ')} on ${dev}`);
  const elsewhere = addrs.filter((a) => missing.includes(a.address)).map((a) => `${a.address} is on ${a.dev}`);
  return {
    code,
    ok: false,
    detail: `the VIP ${missing.join(', ')} is not on ${dev}${elsewhere.length ? ` (${elsewhere.join(', ')})` : ''}`,
    remedy: code === 'dr-vip-on-lo' ? remedy('dr-vip-on-lo', { vip: missing[0] }) : remedy('tun-vip-on-tunl0', { vip: missing[0], dev }),
  };
}

export function judgeArp(sysctls: Record<string, string>): DoctorFinding {
  const wrong = Object.entries(ARP_SUPPRESSION).filter(([k, want]) => !(Number(sysctls[k]) >= Number(want)));
  const values = Object.keys(ARP_SUPPRESSION).map((k) => `${k}=${sysctls[k] ?? '(unset)'}`).join(', ');
  if (wrong.length === 0) return pass('dr-arp', values);
  return { code: 'dr-arp', ok: false, detail: `ARP for the VIP is not suppressed: ${wrong.map(([k, want]) => `${k} is ${sysctls[k] ?? 'unset'}, needs ${want}`).join('; ')}`, remedy: remedy('arp', { keys: wrong.map(([k, v]) => `${k}=${v}`).join(' ') }) };
}

export function judgeRpFilter(dev: string, sysctls: Record<string, string>): DoctorFinding {
  const keys = ['net.ipv4.conf.all.rp_filter', `net.ipv4.conf.${dev}.rp_filter`];
  const values = keys.map((k) => `${k}=${sysctls[k] ?? '(unset)'}`).join(', ');
  // The kernel applies the larger of "all" and the device's value; 1 (strict) drops tunnelled packets.
  const effective = Math.max(...keys.map((k) => Number(sysctls[k] ?? 0)));
  if (effective !== 1) return pass('tun-rp-filter', values);
  return { code: 'tun-rp-filter', ok: false, detail: `strict reverse-path filtering is on: ${values}`, remedy: remedy('tun-rp-filter', { dev }) };
}

export function judgeGateway(ctx: DoctorContext, gateway: string | null): DoctorFinding {
  if (ctx.directorAddress === null) return { code: 'nat-gateway', ok: false, detail: 'the model has no director to compare the default route with', remedy: remedy('nat-no-director') };
  if (gateway === ctx.directorAddress) return pass('nat-gateway', `default via ${gateway} (the director)`);
  return { code: 'nat-gateway', ok: false, detail: gateway === null ? `no default route; NAT needs one via the director ${ctx.directorAddress}` : `default via ${gateway}, not via the director ${ctx.directorAddress}: replies bypass NAT`, remedy: remedy('nat-gateway', { director: ctx.directorAddress }) };
}

export function judgeProbe(probe: ProbeResult | { error: string }): DoctorFinding {
  if ('error' in probe) return { code: 'director-request', ok: false, detail: probe.error, remedy: remedy('no-director') };
  const said = probe.output.trim().split('\n').slice(-3).join(' / ');
  const what = probe.kind === 'http' ? `GET ${probe.target}` : probe.kind === 'ping' ? `ping ${probe.target}` : `TCP connect to ${probe.target}`;
  if (probe.rc === 0 && (probe.status === null || (probe.status >= 200 && probe.status < 400))) {
    return pass('director-request', `${what} from the director succeeded${probe.status !== null ? ` (status ${probe.status})` : ''}`);
  }
  if (probe.rc === 127) return { code: 'director-request', ok: false, detail: `${what}: ${said || 'command not found on the director'}`, remedy: remedy('request-tool', { tool: probe.kind === 'http' ? 'wget' : probe.kind === 'ping' ? 'ping' : 'nc' }) };
  if (probe.status !== null) return { code: 'director-request', ok: false, detail: `${what} answered status ${probe.status}`, remedy: remedy('request-status', { target: probe.target, status: probe.status }) };
  const why = probe.rc === 124 ? 'timed out' : `failed (exit ${probe.rc})`;
  return { code: 'director-request', ok: false, detail: `${what} from the director ${why}${said ? `: ${said}` : ''}`, remedy: remedy('request-failed', { target: probe.target }) };
}

/** Every real-server finding that applies to the service's forwarding method, in a fixed order. */
export function analyzeRealServer(ctx: DoctorContext, r: RealServerReadings): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  if ((ctx.protocol === 'tcp' || ctx.protocol === 'udp') && ctx.port !== null) out.push(unread('listen', r.listen, (s) => judgeListen(ctx, s)));
  if (ctx.forwarding === 'dr') {
    out.push(unread('dr-vip-on-lo', r.addresses, (a) => judgeVipOn('dr-vip-on-lo', 'lo', ctx, a)));
    out.push(unread('dr-arp', r.sysctls, judgeArp));
  } else if (ctx.forwarding === 'tun') {
    out.push(unread('tun-ipip', r.ipip, (loaded) => (loaded ? pass('tun-ipip', 'the ipip module is loaded') : { code: 'tun-ipip', ok: false, detail: 'the ipip module is not loaded', remedy: remedy('tun-ipip') })));
    out.push(unread('tun-vip-on-tunl0', r.addresses, (a) => judgeVipOn('tun-vip-on-tunl0', ctx.tunnelDevice, ctx, a)));
    out.push(unread('tun-rp-filter', r.sysctls, (s) => judgeRpFilter(ctx.tunnelDevice, s)));
  } else {
    out.push(unread('nat-gateway', r.gateway, (g) => judgeGateway(ctx, g)));
  }
  return out;
}

export function sshFinding(message: string): DoctorFinding {
  return { code: 'ssh', ok: false, detail: `the real server did not answer over SSH: ${message}`, remedy: remedy('ssh') };
}
