/**
 * runDoctor: resolve the real server and service in the current model, read the real server in one
 * round trip, send the check's request from the director in another, and judge both. SSH failures
 * become findings, never exceptions, so a report can be attached to an event whatever happened.
 */
import { effectiveCheck, type ClusterModel } from '../cluster/model';
import { notFound } from '../errors';
import { tunnelDevice } from '../ipvs/keys';
import { loadEndpoints } from '../queries/endpoints';
import { loadModel } from '../queries/model';
import { sshPool, type SshEndpoint } from '../ssh';
import { scrubNodeText } from '../ssh/node-output';
import { nodeErrorFor } from '../save/node-ops';
import { analyzeRealServer, judgeProbe, sshFinding } from './analyze';
import { buildProbeScript, buildRealServerScript, parseProbeOutput, parseRealServerOutput, probePlan } from './script';
import type { DoctorCheck, DoctorContext, DoctorFinding, DoctorReport } from './types';

const READ_TIMEOUT_MS = 20_000;
const OUTPUT_MAX = 2_000;

/** The model's facts about one real server × service; null director when none is chosen. */
export function doctorContext(model: ClusterModel, nodeId: string, serviceId: string, director: string | null): DoctorContext {
  const node = model.nodes.find((n) => n.id === nodeId);
  if (!node) throw notFound('node');
  const svc = model.services.find((s) => s.id === serviceId);
  if (!svc) throw notFound('service');
  const groups = model.nodeGroups.filter((g) => g.nodes.includes(nodeId)).map((g) => g.id);
  const vips = model.virtualNodes.filter((v) => groups.includes(v.nodeGroup) && v.services.includes(serviceId)).map((v) => v.vip);
  const dir = director ? model.nodes.find((n) => n.id === director) : undefined;
  return {
    forwarding: svc.forwarding,
    protocol: svc.protocol,
    port: svc.port,
    vips: [...new Set(vips)],
    ownAddress: node.address,
    directorAddress: dir?.address ?? null,
    tunnelDevice: tunnelDevice(svc.tunnelType ?? 'ipip').dev,
  };
}

async function readRealServer(nodeId: string, ep: SshEndpoint, ctx: DoctorContext): Promise<DoctorFinding[]> {
  const script = buildRealServerScript({ protocol: ctx.protocol === 'udp' ? 'udp' : 'tcp', tunnelDevice: ctx.tunnelDevice });
  try {
    const res = await sshPool().exec(nodeId, ep, { script }, { timeoutMs: READ_TIMEOUT_MS });
    return analyzeRealServer(ctx, parseRealServerOutput(res.stdout)).map((f) => ({ ...f, detail: scrubNodeText(f.detail, ep, OUTPUT_MAX) }));
  } catch (e) {
    const err = nodeErrorFor(e, ep);
    return [sshFinding(`${err.code}: ${err.message}`)];
  }
}

async function probeFromDirector(director: string | null, ep: SshEndpoint | undefined, ctx: DoctorContext, check: DoctorCheck | null): Promise<DoctorFinding> {
  if (!director || !ep) return judgeProbe({ error: 'no director is chosen in Master priority, so the check cannot be sent from it' });
  const target = { address: ctx.ownAddress, port: ctx.port, check };
  const plan = probePlan(target);
  try {
    const res = await sshPool().exec(director, ep, { script: buildProbeScript(target) }, { timeoutMs: READ_TIMEOUT_MS });
    const probe = parseProbeOutput(res.stdout, plan);
    return judgeProbe({ ...probe, output: scrubNodeText(probe.output, ep, OUTPUT_MAX) });
  } catch (e) {
    const err = nodeErrorFor(e, ep);
    return judgeProbe({ error: `the director did not answer over SSH: ${err.code}: ${err.message}` });
  }
}

/** The director the check runs from: the first master-priority candidate that is not this node. */
function directorOf(model: ClusterModel, nodeId: string): string | null {
  return model.masterPriority.nodes.find((id) => id !== nodeId && model.nodes.some((n) => n.id === id)) ?? null;
}

/** This node's check (its override, else the service's), so the director sends the request keepalived sends; null: a TCP connect. */
function checkOf(model: ClusterModel, nodeId: string, serviceId: string): DoctorCheck | null {
  const hc = effectiveCheck(model, nodeId, serviceId);
  if (!hc) return null;
  return { type: hc.type, port: hc.port ?? null, ...(hc.type === 'http' || hc.type === 'https' ? { path: hc.path } : {}) };
}

export async function runDoctor(nodeId: string, serviceId: string, check?: DoctorCheck | null): Promise<DoctorReport> {
  const model = await loadModel();
  const director = directorOf(model, nodeId);
  const ctx = doctorContext(model, nodeId, serviceId, director);
  check ??= checkOf(model, nodeId, serviceId);
  const endpoints = await loadEndpoints();
  const ep = endpoints.get(nodeId);
  if (!ep) throw notFound('node');
  const [rs, probe] = await Promise.all([readRealServer(nodeId, ep, ctx), probeFromDirector(director, director ? endpoints.get(director) : undefined, ctx, check)]);
  return { node: nodeId, service: serviceId, at: new Date().toISOString(), findings: [...rs, probe] };
}
