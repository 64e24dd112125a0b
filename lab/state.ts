/**
 * The state of one lab run, kept in its directory as state.json. It is the only thing tests need:
 * where each node's sshd listens, its cluster address and pinned host-key fingerprint.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LabNodeSchema = z.object({
  name: z.string().regex(/^lab[0-9]+$/),
  index: z.number().int().min(1).max(200),
  sshHost: z.literal('127.0.0.1'),
  sshPort: z.number().int().min(1).max(65535),
  clusterAddress: z.string(),
  clusterInterface: z.literal('eth0'),
  managementInterface: z.literal('eth1'),
  clusterMac: z.string(),
  managementMac: z.string(),
  hostKeyFingerprint: z.string().startsWith('SHA256:'),
});
export type LabNodeRecord = z.infer<typeof LabNodeSchema>;
/** What tests see of a node. */
export type LabNode = Pick<LabNodeRecord, 'name' | 'sshHost' | 'sshPort' | 'clusterAddress' | 'hostKeyFingerprint'>;

export const LabStateSchema = z.object({
  version: z.literal(1),
  stateDir: z.string(),
  createdAt: z.string(),
  mcastPort: z.number().int(),
  privateKeyPath: z.string(),
  sshConfigPath: z.string(),
  controlDir: z.string(),
  kernel: z.string(),
  nodes: z.array(LabNodeSchema),
});
export type LabState = z.infer<typeof LabStateSchema>;

export function stateFile(stateDir: string): string {
  return path.join(stateDir, 'state.json');
}

export function readState(stateDir: string): LabState {
  return LabStateSchema.parse(JSON.parse(readFileSync(stateFile(stateDir), 'utf8')));
}

export function writeState(state: LabState): void {
  const tmp = stateFile(state.stateDir) + '.tmp';
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, stateFile(state.stateDir));
}

export function nodeDir(stateDir: string, name: string): string {
  return path.join(stateDir, name);
}

/** Node i: lab<i>, cluster address 10.10.0.(10+i), MACs derived from i so reboots keep them. */
export function nodeIdentity(i: number): Pick<LabNodeRecord, 'name' | 'index' | 'clusterAddress' | 'clusterMac' | 'managementMac'> {
  const hex = (10 + i).toString(16).padStart(2, '0');
  return {
    name: `lab${i}`,
    index: i,
    clusterAddress: `10.10.0.${10 + i}`,
    clusterMac: `52:54:00:0a:00:${hex}`,
    managementMac: `52:54:00:0b:00:${hex}`,
  };
}
