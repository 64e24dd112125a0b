/**
 * keepalived.conf for one director, from the same virtual-service specs the ipvsadm path renders.
 * One renderer for health checks (this file's virtual_server blocks) and, next, VRRP failover.
 *
 * Only typed values reach the file: addresses, ports, enums, numbers, and the two check texts
 * (URL path, expected body text) whose schemas admit no character keepalived's parser treats
 * specially (`#` and `!` start comments, `"` quotes, whitespace splits). `assertConfWord` checks
 * every word again here, so a schema that loosens cannot smuggle a keyword in.
 */
import type { HealthCheck, SorryServer } from '../cluster/health-schema';
import { BOOT_PATHS } from '../ipvs/boot-files';
import { eventServiceKey } from './events';
import type { RealServerSpec, VirtualServiceSpec } from '../ipvs/types';
import { assertConfWord, timer } from './render-words';
import { vrrpBlocks, vrrpGlobalLines, type VrrpSpec } from './vrrp';

export const KEEPALIVED_CONF_PATH = BOOT_PATHS.keepalived;
export const NOTIFY_PATH = BOOT_PATHS.notify;

export interface CheckedService {
  spec: VirtualServiceSpec;
  check: HealthCheck | null; // the service's check; null: keepalived keeps the real servers in without checking them
  /** Each real server's own check, in spec.realServers order (a node's override); absent: `check` for all. */
  checks?: (HealthCheck | null)[];
  sorryServer: SorryServer | null;
}

export { timer };

/** Retries come quickly after a first failure: a confirming probe, not a whole extra interval. */
export function retryDelayMs(check: HealthCheck): number {
  return Math.min(check.intervalMs, Math.max(20, Math.round(check.intervalMs / 5)));
}

const METHOD: Record<RealServerSpec['forward'], string> = { dr: 'DR', nat: 'NAT', tun: 'TUN' };
const GUE_PORT = 6080; // the one GUE port the ipvsadm path uses too

function lvsMethod(rs: RealServerSpec): string {
  if (rs.forward !== 'tun') return METHOD[rs.forward];
  if (rs.tunnelType === 'gue') return `TUN type gue port ${GUE_PORT}`;
  return `TUN type ${rs.tunnelType ?? 'ipip'}`;
}

function checkBlock(check: HealthCheck, rs: RealServerSpec, indent: string): string[] {
  const i2 = `${indent}  `;
  const common = [
    ...(check.type === 'ping' ? [] : [`connect_port ${check.port ?? rs.port}`]),
    `connect_timeout ${timer(check.timeoutMs)}`,
    `delay_loop ${timer(check.intervalMs)}`,
    `retry ${check.fall - 1}`,
    `delay_before_retry ${timer(retryDelayMs(check))}`,
    'warmup 0',
  ];
  if (check.type === 'tcp') return [`${indent}TCP_CHECK {`, ...common.map((l) => i2 + l), `${indent}}`];
  if (check.type === 'ping') return [`${indent}PING_CHECK {`, ...common.map((l) => i2 + l), `${indent}}`];
  const url = [
    `path ${assertConfWord(check.path)}`,
    `status_code ${check.expectStatus}`,
    // [.] instead of \. : no backslash ever reaches the file.
    ...(check.expectText !== null ? [`regex "${check.expectText.replace(/\./g, '[.]')}"`] : []),
  ];
  return [
    `${indent}${check.type === 'https' ? 'SSL_GET' : 'HTTP_GET'} {`,
    `${i2}url {`,
    ...url.map((l) => `${i2}  ${l}`),
    `${i2}}`,
    ...common.map((l) => i2 + l),
    `${indent}}`,
  ];
}

function notifyLine(hook: 'notify_up' | 'notify_down', svc: VirtualServiceSpec, rs: RealServerSpec): string {
  const kind = hook === 'notify_up' ? 'rs-up' : 'rs-down';
  const args = [kind, `service=${eventServiceKey(svc)}`, `rs=${rs.address}:${rs.port}`].map(assertConfWord);
  return `${hook} "${NOTIFY_PATH} ${args.join(' ')}"`;
}

function realServerBlock(svc: CheckedService, rs: RealServerSpec, index: number): string[] {
  const check = svc.check ? (svc.checks ? svc.checks[index] ?? null : svc.check) : null;
  const head = rs.port === 0 ? `real_server ${rs.address} {` : `real_server ${rs.address} ${rs.port} {`;
  const body = [
    `weight ${rs.weight}`,
    `lvs_method ${lvsMethod(rs)}`,
    ...(rs.upperThreshold > 0 ? [`uthreshold ${rs.upperThreshold}`] : []),
    ...(rs.lowerThreshold > 0 ? [`lthreshold ${rs.lowerThreshold}`] : []),
  ];
  if (check) body.push(notifyLine('notify_up', svc.spec, rs), notifyLine('notify_down', svc.spec, rs));
  return [`  ${head}`, ...body.map((l) => `    ${l}`), ...(check ? checkBlock(check, rs, '    ') : []), '  }'];
}

function virtualServerBlock(svc: CheckedService): string[] {
  const s = svc.spec;
  const head = s.protocol === 'fwmark' ? `virtual_server fwmark ${s.fwmark} {` : `virtual_server ${s.vip} ${s.port} {`;
  const body = [
    `lb_algo ${s.scheduler}`,
    ...(s.realServers[0] ? [`lvs_method ${lvsMethod(s.realServers[0])}`] : []),
    ...(s.protocol === 'fwmark' ? [] : [`protocol ${s.protocol.toUpperCase()}`]),
    ...s.flags,
    ...(s.persistence ? [`persistence_timeout ${s.persistence.timeout}`] : []),
    ...(s.persistence?.netmask ? [`persistence_granularity ${s.persistence.netmask}`] : []),
    ...(svc.check ? [`delay_loop ${timer(svc.check.intervalMs)}`] : []),
    ...(svc.check?.onFailure === 'quiesce' ? ['inhibit_on_failure'] : []),
    ...(svc.sorryServer ? [`sorry_server ${svc.sorryServer.address} ${svc.sorryServer.port}`] : []),
  ];
  return [head, ...body.map((l) => `  ${l}`), ...s.realServers.flatMap((rs, i) => realServerBlock(svc, rs, i)), '}'];
}

/**
 * The whole file. Deterministic: the same model renders the same bytes, so "unchanged" is a string
 * compare. vrrp: this candidate's failover (VRRP instances and the sync daemon), or null.
 */
export function renderKeepalivedConf(services: CheckedService[], vrrp: VrrpSpec | null = null): string {
  const lines = [
    '# LVS Console: keepalived for this director, rendered on save state.',
    '# keepalived owns the IPVS table here; the next save overwrites local edits.',
    'global_defs {',
    '  router_id lvs-console',
    '  script_user root',
    '  enable_script_security',
    ...(vrrp ? vrrpGlobalLines(vrrp).map((l) => `  ${l}`) : []),
    '}',
    '',
    ...(vrrp ? vrrpBlocks(vrrp) : []),
    ...services.flatMap((s) => [...virtualServerBlock(s), '']),
  ];
  return `${lines.join('\n')}`;
}
