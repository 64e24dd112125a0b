/**
 * Drain and maintenance, per node or per node × service (Loadbalancer.org's Online / Drain / Halt).
 * Both take the real server out of rotation by weight 0 on every director, so no save ever resets a
 * connection: drain then waits for the connections to finish, maintenance also silences the
 * server's check alerts. Stored beside the model (rows in AdminState), applied to it by save state.
 */
import { z } from 'zod';
import { id } from '../cluster/primitives';

export const ADMIN_STATES = ['active', 'drain', 'maintenance'] as const;
export type AdminStateName = (typeof ADMIN_STATES)[number];

/** PUT /api/v1/nodes/{id}/admin-state */
export const AdminStatePut = z.strictObject({
  state: z.enum(ADMIN_STATES, { error: 'must be active, drain or maintenance' }),
  service: id.optional(), // absent: every service of the node
  deadlineSeconds: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(86_400).optional(),
});
export type AdminStatePut = z.output<typeof AdminStatePut>;

export const DEFAULT_DRAIN_DEADLINE_S = 600;

/** One stored row; `service` null covers every service of the node. */
export interface AdminStateRecord {
  node: string;
  service: string | null;
  state: Exclude<AdminStateName, 'active'>;
  since: string; // ISO
  deadlineAt: string | null; // drains only
  drainedAt: string | null; // set once the drain completed or reached its deadline
  outcome: 'idle' | 'deadline' | null;
  actor: string;
}

/** What the live view needs to show and change admin states (names and keys are what it polls). */
export interface AdminView {
  states: AdminStateRecord[];
  nodeIds: Record<string, string>; // node name -> id
  serviceIds: Record<string, string>; // director-table key ("tcp 10.10.0.100:80") -> service id
  canChange: boolean;
}
