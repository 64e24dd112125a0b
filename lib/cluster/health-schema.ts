/**
 * A service's health check and sorry server, as typed and as stored. What passes here is what
 * the keepalived renderer can render: every text that reaches keepalived.conf is limited to
 * characters its parser reads literally (no space, quote, `#`, `!` or backslash).
 */
import { z } from 'zod';
import { hostAddress, port } from './primitives';

import { AGGRESSIVE_BELOW_MS, DEFAULT_INTERVAL_MS, HEALTH_CHECK_TYPES, ON_FAILURE } from './health-constants';

export { AGGRESSIVE_BELOW_MS, DEFAULT_INTERVAL_MS, HEALTH_CHECK_TYPES, ON_FAILURE };
export type { HealthCheckType } from './health-constants';

const ms = (min: number, max: number) =>
  z.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds')
    .min(min, `must be between ${min} and ${max} ms`).max(max, `must be between ${min} and ${max} ms`);

const HTTP_PATH = /^\/[A-Za-z0-9._~$&()*+,;=:@%/?-]*$/;
const BODY_TEXT = /^[A-Za-z0-9 ._:,=/-]+$/;

/** The probe's own settings: what a per-node override may change (onFailure stays the service's). */
const checkFields = {
  type: z.enum(HEALTH_CHECK_TYPES, { error: `must be one of ${HEALTH_CHECK_TYPES.join(', ')}` }),
  port: port.nullable().default(null), // null: the real server's own port
  path: z.string({ error: 'must be text' }).max(256, 'must be at most 256 characters')
    .regex(HTTP_PATH, 'must be a URL path starting with / (no spaces, quotes, # or !)').default('/'),
  expectStatus: z.number({ error: 'must be a number' }).int('must be a whole number').min(100, 'must be an HTTP status 100–599').max(599, 'must be an HTTP status 100–599').default(200),
  expectText: z.string({ error: 'must be text' }).max(64, 'must be at most 64 characters')
    .regex(BODY_TEXT, 'may hold letters, digits, spaces and . _ : , = / - only').nullable().default(null),
  intervalMs: ms(100, 60000).default(DEFAULT_INTERVAL_MS),
  timeoutMs: ms(50, 30000).default(1000),
  fall: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be between 1 and 10').max(10, 'must be between 1 and 10').default(2),
  // keepalived puts a server back after its first good check; more is not something it can do.
  rise: z.literal(1, { error: 'must be 1: keepalived restores a server after one good check' }).default(1),
};

type CheckFields = z.output<z.ZodObject<typeof checkFields>>;

function checkSettingsIssues(c: CheckFields, ctx: z.RefinementCtx) {
  const web = c.type === 'http' || c.type === 'https';
  if (!web && c.path !== '/') ctx.addIssue({ code: 'custom', path: ['path'], message: 'is only for http and https checks' });
  if (!web && c.expectText !== null) ctx.addIssue({ code: 'custom', path: ['expectText'], message: 'is only for http and https checks' });
  if (c.type === 'ping' && c.port !== null) ctx.addIssue({ code: 'custom', path: ['port'], message: 'is not used by a ping check' });
  if (c.intervalMs < AGGRESSIVE_BELOW_MS && c.fall < 2) {
    ctx.addIssue({ code: 'custom', path: ['fall'], message: `must be at least 2 when the interval is under ${AGGRESSIVE_BELOW_MS} ms (one lost probe must not remove a server)` });
  }
  if (c.timeoutMs > c.intervalMs * 10) ctx.addIssue({ code: 'custom', path: ['timeoutMs'], message: 'must be at most ten intervals' });
}

export const healthCheckSchema = z
  .strictObject({
    ...checkFields,
    onFailure: z.enum(ON_FAILURE, { error: `must be one of ${ON_FAILURE.join(', ')}` }).default('remove'),
  })
  .superRefine(checkSettingsIssues);

/** A node × service override: the same probe settings; what a failure does stays the service's. */
export const checkOverrideCheckSchema = z.strictObject(checkFields).superRefine(checkSettingsIssues);

export const sorryServerSchema = z.strictObject({ address: hostAddress, port });

export type HealthCheck = z.output<typeof healthCheckSchema>;
export type SorryServer = z.output<typeof sorryServerSchema>;
export type CheckOverrideCheck = z.output<typeof checkOverrideCheckSchema>;

/** Checks that a service can carry: web checks need TCP, every check but ping needs a port. */
export function healthCheckIssues(check: HealthCheck | CheckOverrideCheck, service: { protocol: string; port: number | null }): Record<string, string> {
  const out: Record<string, string> = {};
  if ((check.type === 'http' || check.type === 'https') && service.protocol !== 'tcp' && service.protocol !== 'fwmark') {
    out['healthCheck.type'] = `${check.type} needs a tcp service`;
  }
  if (check.type !== 'ping' && check.port === null && service.port === null) out['healthCheck.port'] = 'is required: the service has no port';
  if (check.type === 'tcp' && service.protocol === 'udp' && check.port === null) out['healthCheck.port'] = 'is required for a udp service (a TCP port the server also answers on)';
  return out;
}
