/**
 * The read side of a save over one SSH round trip: the script that reads a node's live state for
 * the planner, and the parser of its output. (The live view's poll script is in read-poll.ts.)
 * The script is fixed text; the only values spliced in (sysctl keys, file paths) are validated here
 * and quoted with quoteArg.
 */
import { quoteArg } from '../shell';
import type { NodeLiveState } from './types';
import { serviceRealServerKey } from './keys';
import { ParseError } from './parse-error';
import { mergeThresholds, parseIpvsSave } from './parse-save';
import { parseIpvsList } from './parse-list';
import { parseProcIpvs } from './parse-proc';
import { parseAddresses, parseDefaultGateway, parseModules, parseSysctls } from './parse-node';
import { SectionError, inSection, okBody, renderSections, splitSections, type SectionSpec } from './read-sections';
import { KEEPALIVED_PROBE, parseKeepalivedProbe } from '../keepalived/probe';

export { buildPollScript, parsePollOutput, type PollSample, type PollService, type PollRealServer } from './read-poll';

const SYSCTL_KEY = /^[a-z0-9_]+(\.[A-Za-z0-9_-]+)+$/;
const FILE_PATH = /^\/[A-Za-z0-9._/-]+$/;

/** The proc file exists only while ip_vs is loaded; ipvsadm would load it, so reads check first. */
const IF_IPVS_LOADED = (cmd: string): string => `[ -e /proc/net/ip_vs ] || exit 0\n${cmd}`;

function liveSections(opts: { sysctlKeys: string[]; bootFilePaths: string[] }): SectionSpec[] {
  for (const k of opts.sysctlKeys) if (!SYSCTL_KEY.test(k)) throw new Error(`refusing sysctl key ${JSON.stringify(k)}`);
  for (const p of opts.bootFilePaths) {
    if (!FILE_PATH.test(p) || p.split('/').includes('..')) throw new Error(`refusing file path ${JSON.stringify(p)}`);
  }
  const sections: SectionSpec[] = [
    { name: 'ipvs-proc', script: '[ -e /proc/net/ip_vs ] || exit 0\ncat /proc/net/ip_vs' },
    { name: 'ipvs-save', requires: 'ipvsadm', script: IF_IPVS_LOADED('ipvsadm -Sn') },
    { name: 'ipvs-thresholds', requires: 'ipvsadm', script: IF_IPVS_LOADED('ipvsadm -Ln --thresholds --exact') },
    { name: 'addr', requires: 'ip', script: 'ip -j -4 addr show' },
    // -e: keys the kernel lacks are left out instead of failing the read; absent = not set.
    { name: 'sysctl', requires: 'sysctl', script: opts.sysctlKeys.length ? `sysctl -e ${opts.sysctlKeys.map(quoteArg).join(' ')} || true` : 'true' },
    // A kernel built without module support has no /proc/modules: everything is built in, list empty.
    { name: 'modules', script: '[ -e /proc/modules ] || exit 0\ncat /proc/modules' },
    { name: 'route', requires: 'ip', script: 'ip -j -4 route show default' },
    // Whether boot persistence needs a systemd unit, or the node's own init runs the hook.
    { name: 'init', script: '[ -d /run/systemd/system ] && echo systemd || echo other' },
    { name: 'keepalived', script: KEEPALIVED_PROBE },
  ];
  opts.bootFilePaths.forEach((p, i) => {
    // First line says whether the file exists, so a missing file differs from an empty one.
    sections.push({ name: `file-${i}`, requires: 'base64', script: `f=${quoteArg(p)}\nif [ -f "$f" ]; then echo present; base64 < "$f"; else echo missing; fi` });
  });
  return sections;
}

export function buildLiveStateScript(opts: { sysctlKeys: string[]; bootFilePaths: string[] }): string {
  const sections = liveSections(opts);
  // The paths travel with the script so the parser can map file-N back without being told again.
  const manifest = opts.bootFilePaths.map((p, i) => `echo ${quoteArg(`file-${i} ${p}`)}`).join('\n');
  return renderSections([{ name: 'manifest', script: manifest || 'true' }, ...sections]);
}

function decodeBootFile(name: string, body: string): string | null {
  const nl = body.indexOf('\n');
  const head = nl < 0 ? body : body.slice(0, nl);
  if (head === 'missing') return null;
  if (head !== 'present') throw new ParseError(1, head, `section "${name}": expected "present" or "missing"`);
  const b64 = (nl < 0 ? '' : body.slice(nl + 1)).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new ParseError(0, '', `section "${name}": file content is not valid base64`);
  return Buffer.from(b64, 'base64').toString('utf8');
}

export function parseLiveStateOutput(stdout: string): NodeLiveState {
  const manifestBody = splitSections(stdout, ['manifest']).get('manifest')!.body;
  const files = manifestBody.split('\n').filter((l) => l !== '').map((l) => {
    const sp = l.indexOf(' ');
    return { section: l.slice(0, sp), path: l.slice(sp + 1) };
  });
  const names = ['ipvs-proc', 'ipvs-save', 'ipvs-thresholds', 'addr', 'sysctl', 'modules', 'route', ...files.map((f) => f.section)];
  const sections = splitSections(stdout, names);

  const procServices = inSection('ipvs-proc', () => parseProcIpvs(okBody(sections, 'ipvs-proc')));
  const save = sections.get('ipvs-save')!;
  let ipvs: NodeLiveState['ipvs'];
  if (save.rc === 127 && procServices.length === 0) ipvs = []; // no ipvsadm and nothing in the kernel table: nothing to read
  else if (save.rc === 127) throw new SectionError('ipvs-save', 127, save.body, `ipvsadm is not installed but the kernel table holds ${procServices.length} service(s)`);
  else {
    const specs = inSection('ipvs-save', () => parseIpvsSave(okBody(sections, 'ipvs-save')));
    const thr = new Map<string, { upper: number; lower: number }>();
    for (const svc of inSection('ipvs-thresholds', () => parseIpvsList(okBody(sections, 'ipvs-thresholds')))) {
      for (const rs of svc.realServers) thr.set(serviceRealServerKey(svc.key, rs), { upper: rs.upperThreshold ?? 0, lower: rs.lowerThreshold ?? 0 });
    }
    ipvs = mergeThresholds(specs, thr);
  }
  const bootFiles: Record<string, string> = {};
  for (const f of files) {
    const content = decodeBootFile(f.section, okBody(sections, f.section));
    if (content !== null) bootFiles[f.path] = content;
  }
  const init = sections.get('init');
  const keepalived = sections.get('keepalived');
  return {
    ...(keepalived ? { keepalived: inSection('keepalived', () => parseKeepalivedProbe(okBody(sections, 'keepalived'))) } : {}),
    ...(init ? { initSystem: init.body.trim() === 'systemd' ? ('systemd' as const) : ('other' as const) } : {}),
    ipvs,
    addresses: inSection('addr', () => parseAddresses(okBody(sections, 'addr'))),
    sysctls: inSection('sysctl', () => parseSysctls(okBody(sections, 'sysctl'))),
    modules: inSection('modules', () => parseModules(okBody(sections, 'modules'))),
    defaultGateway: inSection('route', () => parseDefaultGateway(okBody(sections, 'route'))),
    bootFiles,
  };
}
