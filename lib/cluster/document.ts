/**
 * The whole model as one JSON document (backup and restore). Every entity goes through its own
 * schema; credentials travel sealed with this console's key (never in clear), or in clear on the
 * way in when an admin writes a document by hand.
 */
import { z } from 'zod';
import { id } from './primitives';
import { checkOverridesSchema, masterPrioritySchema, nodeGroupSchema, nodeSchema, serviceSchema, virtualNodeSchema, weightsSchema } from './schemas';

export const DOCUMENT_FORMAT = 'lvs-console-model';

const sealedCredential = z.strictObject({
  kind: z.enum(['key', 'password'], { error: 'must be key or password' }),
  sealed: z.string({ error: 'must be text' }).regex(/^v1:[A-Za-z0-9+/=:]+$/, 'must be a sealed secret from an export'),
});

/** Re-raises an entity schema's issues inside the document; unknown keys name themselves (nodes.0.keyname). */
function forwardIssues(error: z.ZodError, ctx: z.RefinementCtx, at: string[] = []) {
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...at, ...issue.path, k]) : [[...at, ...issue.path]];
    const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
    for (const path of paths) ctx.addIssue({ code: 'custom', message, path });
  }
}

/**
 * Splits an entity's own keys into the listed ones and the rest. Not zod's passthrough, which
 * assigns keys one by one and so turns a `__proto__` key into a prototype instead of an unknown field.
 */
function splitKeys(raw: unknown, ctx: z.RefinementCtx, taken: string[]): [Record<string, unknown>, Record<string, unknown>] | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', message: 'must be an object', path: [] });
    return null;
  }
  const entries = Object.entries(raw);
  return [
    Object.fromEntries(entries.filter(([k]) => taken.includes(k))),
    Object.fromEntries(entries.filter(([k]) => !taken.includes(k))),
  ];
}

function parseInto<S extends z.ZodType>(schema: S, value: unknown, ctx: z.RefinementCtx, at: string[] = []): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  forwardIssues(parsed.error, ctx, at);
  return null;
}

/**
 * An entity with its id. Not z.intersection: an intersection with a non-strict object reports no
 * unknown keys at all, so an imported service with a stray field was accepted silently.
 */
const withId = <S extends z.ZodType<object>>(schema: S) =>
  z.unknown().transform((raw, ctx) => {
    const split = splitKeys(raw, ctx, ['id']);
    if (!split) return z.NEVER;
    const entityId = parseInto(id, split[0].id, ctx, ['id']);
    const data = parseInto(schema, split[1], ctx);
    return entityId === null || data === null ? z.NEVER : { id: entityId, ...(data as z.output<S>) };
  });

const documentNodeSchema = z.unknown().transform((raw, ctx) => {
  const split = splitKeys(raw, ctx, ['id', 'credential']);
  if (!split) return z.NEVER;
  const nodeId = parseInto(id, split[0].id, ctx, ['id']);
  const credential = parseInto(sealedCredential.optional(), split[0].credential, ctx, ['credential']);
  const data = parseInto(nodeSchema, split[1], ctx);
  if (nodeId === null || credential === null || data === null) return z.NEVER;
  const hasClear = data.ssh.privateKey !== undefined || data.ssh.password !== undefined;
  if (!credential && !hasClear) {
    ctx.addIssue({ code: 'custom', path: ['credential'], message: 'is required (a sealed credential or ssh.privateKey / ssh.password)' });
    return z.NEVER;
  }
  return { id: nodeId, credential: credential ?? null, ...data };
});

export const modelDocumentSchema = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT, { error: `must be ${DOCUMENT_FORMAT}` }),
  version: z.literal(1, { error: 'must be 1' }),
  exportedAt: z.string().optional(),
  services: z.array(withId(serviceSchema)).default([]),
  nodes: z.array(documentNodeSchema).default([]),
  nodeGroups: z.array(withId(nodeGroupSchema)).default([]),
  virtualNodes: z.array(withId(virtualNodeSchema)).default([]),
  masterPriority: masterPrioritySchema.default({ nodes: [], preempt: true, failover: null }),
  weights: weightsSchema.default([]),
  checkOverrides: checkOverridesSchema.default([]),
});

export type ModelDocument = z.output<typeof modelDocumentSchema>;
export type DocumentNode = ModelDocument['nodes'][number];

