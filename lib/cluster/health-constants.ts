/**
 * The health check's closed sets and defaults, without zod, so the service form in the browser can
 * use them: a zod object schema built in the browser probes `new Function`, which the console's
 * Content-Security-Policy (no 'unsafe-eval') reports. ./health-schema builds on these.
 */
export const HEALTH_CHECK_TYPES = ['tcp', 'http', 'https', 'ping'] as const;
export const ON_FAILURE = ['remove', 'quiesce'] as const;
export type HealthCheckType = (typeof HEALTH_CHECK_TYPES)[number];

/** The out-of-the-box check: 1 s, two failures (a quick confirming retry) before removal. */
export const DEFAULT_INTERVAL_MS = 1000;
/** Below this, one lost probe must not remove a server: at least two failures (flap damping). */
export const AGGRESSIVE_BELOW_MS = 1000;
