import { weightOf, type ClusterModel } from '@/lib/cluster/model';
import type { WeightGridData } from './weight-grid';

/** The grid for the given nodes × services: a cell holds a weight only where the node runs the service. */
export function weightGridData(model: ClusterModel, nodeIds: string[], serviceIds: string[]): WeightGridData {
  const nodes = nodeIds.map((id) => model.nodes.find((n) => n.id === id)).filter((n) => n !== undefined);
  const services = serviceIds.map((id) => model.services.find((s) => s.id === id)).filter((s) => s !== undefined);
  const weights: WeightGridData['weights'] = {};
  for (const n of nodes) for (const s of services) weights[`${n.id}:${s.id}`] = n.services.includes(s.id) ? weightOf(model, n.id, s.id) : null;
  return {
    rows: nodes.map((n) => ({ id: n.id, name: n.name, address: n.address })),
    columns: services.map((s) => ({ id: s.id, name: s.name })),
    weights,
  };
}
