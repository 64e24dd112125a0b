/**
 * Which saved service and real server a node event names. The node speaks in IPVS keys
 * (`service=tcp/10.20.0.100:80`, `rs=10.10.0.12:80`); the console stores ids, read from the last
 * saved model because that is what the node's keepalived.conf was rendered from. Pure.
 */
import type { ClusterModel } from '../cluster/model';

export interface ResolvedRefs {
  serviceId: string | null;
  realServerId: string | null;
}

const VIP_SERVICE = /^([a-z]+)\/(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const FWMARK_SERVICE = /^fwmark\/(\d+)$/;
const ADDRESS_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;

function resolveService(model: ClusterModel, key: string | undefined): string | null {
  if (!key) return null;
  const mark = FWMARK_SERVICE.exec(key);
  if (mark) return model.services.find((s) => s.protocol === 'fwmark' && s.fwmark === Number(mark[1]))?.id ?? null;
  const m = VIP_SERVICE.exec(key);
  if (!m) return null;
  const [, protocol, vip, port] = m;
  const onVip = new Set(model.virtualNodes.filter((v) => v.vip === vip).flatMap((v) => v.services));
  return model.services.find((s) => s.protocol === protocol && s.port === Number(port) && onVip.has(s.id))?.id ?? null;
}

function resolveRealServer(model: ClusterModel, key: string | undefined, serviceId: string | null): string | null {
  const m = key ? ADDRESS_PORT.exec(key) : null;
  if (!m) return null;
  const candidates = model.nodes.filter((n) => n.address === m[1]);
  // One address may be one node; if several share it, the one that runs the service is meant.
  return (candidates.find((n) => serviceId && n.services.includes(serviceId)) ?? candidates[0])?.id ?? null;
}

export function resolveEventRefs(model: ClusterModel | null, fields: Record<string, string>): ResolvedRefs {
  if (!model) return { serviceId: null, realServerId: null };
  const serviceId = resolveService(model, fields.service);
  return { serviceId, realServerId: resolveRealServer(model, fields.rs, serviceId) };
}
