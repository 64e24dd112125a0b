/**
 * One zod schema per entity, used by the form, the server action, the API and import alike.
 * Field names are the JSON API's field names.
 */
import { z } from 'zod';
import {
  FORWARDING, PROTOCOLS, ROLES, SCHEDULERS, SCHEDULER_FLAGS, TUNNEL_TYPES,
  fingerprint, freeText, host, hostAddress, id, idList, isWellFormedText, name, netmask, port, unixUser, vipIfname, vipNetmask, weight,
} from './primitives';
import { checkOverrideCheckSchema, healthCheckIssues, healthCheckSchema, sorryServerSchema } from './health-schema';

const u32 = (what: string) =>
  z.number({ error: 'must be a number' }).int('must be a whole number').min(0, `must be between 0 and 4294967295`).max(4294967295, `${what} must be at most 4294967295`);

export const persistenceSchema = z.strictObject({
  timeout: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 2678400 seconds').max(2678400, 'must be between 1 and 2678400 seconds'),
  netmask: netmask.nullable().default(null),
});

export const serviceSchema = z
  .strictObject({
    name,
    protocol: z.enum(PROTOCOLS, { error: `must be one of ${PROTOCOLS.join(', ')}` }),
    port: port.nullable().default(null),
    fwmark: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 4294967295').max(4294967295, 'must be between 1 and 4294967295').nullable().default(null),
    scheduler: z.enum(SCHEDULERS, { error: `must be one of ${SCHEDULERS.join(', ')}` }).default('wlc'),
    schedulerFlags: z.array(z.enum(SCHEDULER_FLAGS, { error: `must be one of ${SCHEDULER_FLAGS.join(', ')}` })).max(4).default([]),
    persistence: persistenceSchema.nullable().default(null),
    forwarding: z.enum(FORWARDING, { error: `must be one of ${FORWARDING.join(', ')}` }).default('dr'),
    tunnelType: z.enum(TUNNEL_TYPES, { error: `must be one of ${TUNNEL_TYPES.join(', ')}` }).nullable().default(null),
    upperThreshold: u32('upper threshold').default(0),
    lowerThreshold: u32('lower threshold').default(0),
    description: freeText.default(''),
    healthCheck: healthCheckSchema.nullable().default(null),
    sorryServer: sorryServerSchema.nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.healthCheck) {
      for (const [field, message] of Object.entries(healthCheckIssues(s.healthCheck, s))) ctx.addIssue({ code: 'custom', path: field.split('.'), message });
    }
    if (s.protocol === 'fwmark') {
      if (s.fwmark === null) ctx.addIssue({ code: 'custom', path: ['fwmark'], message: 'is required when protocol is fwmark' });
    } else {
      if (s.port === null) ctx.addIssue({ code: 'custom', path: ['port'], message: `is required for ${s.protocol}` });
      if (s.fwmark !== null) ctx.addIssue({ code: 'custom', path: ['fwmark'], message: 'is only for protocol fwmark' });
    }
    for (const flag of s.schedulerFlags) {
      if (!flag.startsWith(`${s.scheduler}-`)) {
        ctx.addIssue({ code: 'custom', path: ['schedulerFlags'], message: `${flag} needs scheduler ${flag.split('-')[0]}` });
      }
    }
    if (new Set(s.schedulerFlags).size !== s.schedulerFlags.length) ctx.addIssue({ code: 'custom', path: ['schedulerFlags'], message: 'lists a flag twice' });
    if (s.forwarding !== 'tun' && s.tunnelType !== null) ctx.addIssue({ code: 'custom', path: ['tunnelType'], message: 'is only for forwarding tun' });
    if (s.upperThreshold > 0 && s.lowerThreshold > s.upperThreshold) ctx.addIssue({ code: 'custom', path: ['lowerThreshold'], message: 'must not exceed the upper threshold' });
  })
  .transform((s) => ({ ...s, tunnelType: s.forwarding === 'tun' ? (s.tunnelType ?? 'ipip') : null }));

const PRIVATE_KEY = /^-----BEGIN ([A-Z]+ )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ([A-Z]+ )?PRIVATE KEY-----\s*$/;

/** SSH credentials as typed: write-only. On update, leave both out to keep the stored one. */
export const sshSchema = z
  .strictObject({
    host,
    port: port.default(22),
    user: unixUser.default('root'),
    privateKey: z.string({ error: 'must be text' }).max(16384, 'is too long').regex(PRIVATE_KEY, 'must be a PEM or OpenSSH private key').optional(),
    password: z.string({ error: 'must be text' }).min(1, 'must not be empty').max(256, 'must be at most 256 characters').refine((s) => !/[\n\r\0]/.test(s), 'must be one line').refine(isWellFormedText, 'must be valid text (it holds a lone UTF-16 surrogate)').optional(),
    hostKeyFingerprint: fingerprint.nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.privateKey !== undefined && s.password !== undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'give a private key or a password, not both' });
  });

export const nodeSchema = z.strictObject({
  name,
  address: hostAddress,
  ssh: sshSchema,
  vipInterface: vipIfname.default('eth0'),
  services: idList.default([]),
  notes: freeText.default(''),
});

export const nodeGroupSchema = z.strictObject({
  name,
  nodes: idList.default([]),
  services: idList.default([]),
});

export const virtualNodeSchema = z.strictObject({
  name,
  vip: hostAddress,
  netmask: vipNetmask.default('255.255.255.255'),
  interface: vipIfname.nullable().default(null),
  services: idList.default([]),
  nodeGroup: id,
});

export const weightEntrySchema = z.strictObject({ node: id, service: id, weight });
export const weightsSchema = z.array(weightEntrySchema, { error: 'must be a list of {node, service, weight}' }).max(100000);

export const checkOverrideSchema = z.strictObject({ node: id, service: id, healthCheck: checkOverrideCheckSchema.nullable() });
/** Every override at once: PUT replaces the whole list, so a pair left out goes back to the service's check. */
export const checkOverridesSchema = z.array(checkOverrideSchema, { error: 'must be a list of {node, service, healthCheck}' }).max(100000);

const int = (min: number, max: number, unit = '') =>
  z.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be between ${min} and ${max}${unit}`).max(max, `must be between ${min} and ${max}${unit}`);

/** VRRP through keepalived: adverts in centiseconds (VRRPv3), router ids 1–255. */
export const failoverSchema = z.strictObject({
  advertIntervalMs: int(100, 10000, ' ms').refine((v) => v % 10 === 0, 'must be a multiple of 10 ms (VRRP counts centiseconds)').default(1000),
  virtualRouterId: int(1, 255).default(51),
  syncConnections: z.boolean({ error: 'must be true or false' }).default(true),
  syncInterface: vipIfname.nullable().default(null),
});

export const masterPrioritySchema = z
  .strictObject({
    nodes: idList,
    preempt: z.boolean({ error: 'must be true or false' }).default(true),
    failover: failoverSchema.nullable().default(null),
  })
  .superRefine((m, ctx) => {
    if (m.failover && m.nodes.length < 2) ctx.addIssue({ code: 'custom', path: ['failover'], message: 'needs at least two candidates (one to take over)' });
  });

/** POST /api/v1/switchover: move the VIPs to another candidate (failover on). */
export const switchoverSchema = z.strictObject({ virtualNode: id, to: id });

export const username = z.string({ error: 'must be text' }).trim().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'must be 2–32 lowercase letters, digits, . _ -, starting with a letter');
// Invalid text is refused, never hashed as its U+FFFD replacement (which would change the password silently).
export const password = z.string({ error: 'must be text' }).min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters').refine(isWellFormedText, 'must be valid text (it holds a lone UTF-16 surrogate)');

export const userCreateSchema = z.strictObject({ username, password, role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }) });
export const userUpdateSchema = z.strictObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
  password: password.optional(),
  disabled: z.boolean({ error: 'must be true or false' }).optional(),
  locale: z.enum(['en', 'ko'], { error: 'must be en or ko' }).optional(),
});
export const setupSchema = z.strictObject({ username, password });

export type ServiceInput = z.input<typeof serviceSchema>;
export type Service = z.output<typeof serviceSchema>;
export type SshInput = z.output<typeof sshSchema>;
export type NodeInput = z.output<typeof nodeSchema>;
export type NodeGroupInput = z.output<typeof nodeGroupSchema>;
export type VirtualNodeInput = z.output<typeof virtualNodeSchema>;
export type WeightEntry = z.output<typeof weightEntrySchema>;
export type MasterPriority = z.output<typeof masterPrioritySchema>;
export type Failover = z.output<typeof failoverSchema>;
export type CheckOverrideEntry = z.output<typeof checkOverrideSchema>;

/** Zod issues → {field: message}, with nested paths dotted (ssh.port, persistence.timeout). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  // A Map, not an object literal: `__proto__` or `constructor` as a field name must become a key,
  // not set a prototype or be mistaken for one that is already there.
  const out = new Map<string, string>();
  const put = (key: string, message: string) => { if (!out.has(key)) out.set(key, message); };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) put([...issue.path, k].join('.'), 'is not a known field');
      continue;
    }
    put(issue.path.length ? issue.path.join('.') : '_', issue.message);
  }
  return Object.fromEntries(out);
}
