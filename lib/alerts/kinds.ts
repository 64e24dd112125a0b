/**
 * The event kinds an alert can subscribe to. Kept apart from ./schemas (zod) so that a browser
 * component can list them without zod in its bundle: zod probes `new Function` on the client, which
 * the console's Content-Security-Policy (no 'unsafe-eval') reports as a violation.
 */
export const EVENT_KINDS = ['rs-down', 'rs-up', 'keepalived-started', 'keepalived-stopped', 'director-master', 'director-backup', 'director-fault', 'drain-started', 'drain-done', 'split-brain', 'parse-error'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
