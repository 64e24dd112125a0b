/**
 * The whole model as one JSON document (backup and restore). Every entity goes through its own
 * schema; credentials travel sealed with this console's key (never in clear), or in clear on the
 * way in when an admin writes a document by hand.
 */
import { z } from 'zod';
import { id } from './primitives';
import { masterPrioritySchema, nodeGroupSchema, nodeSchema, serviceSchema, virtualNodeSchema, weightsSchema } from './schemas';

export const DOCUMENT_FORMAT = 'lvs-console-model';

const sealedCredential = z.strictObject({
  kind: z.enum(['key', 'password'], { error: 'must be key or password' }),
  sealed: z.string({ error: 'must be text' }).regex(/^v1:[A-Za-z0-9+/=:]+$/, 'must be a sealed secret from an export'),
});

const withId = <S extends z.ZodType>(schema: S) => z.intersection(z.object({ id }), schema);

const documentNodeSchema = z
  .object({ id, credential: sealedCredential.optional() })
  .passthrough()
  .transform(({ id: nodeId, credential, ...rest }, ctx) => {
    const parsed = nodeSchema.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // Unknown keys name themselves (nodes.0.keyname), as they do everywhere else.
        const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
        const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
        for (const path of paths) ctx.addIssue({ code: 'custom', message, path });
      }
      return z.NEVER;
    }
    const hasClear = parsed.data.ssh.privateKey !== undefined || parsed.data.ssh.password !== undefined;
    if (!credential && !hasClear) {
      ctx.addIssue({ code: 'custom', path: ['credential'], message: 'is required (a sealed credential or ssh.privateKey / ssh.password)' });
      return z.NEVER;
    }
    return { id: nodeId, credential: credential ?? null, ...parsed.data };
  });

export const modelDocumentSchema = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT, { error: `must be ${DOCUMENT_FORMAT}` }),
  version: z.literal(1, { error: 'must be 1' }),
  exportedAt: z.string().optional(),
  services: z.array(withId(serviceSchema)).default([]),
  nodes: z.array(documentNodeSchema).default([]),
  nodeGroups: z.array(withId(nodeGroupSchema)).default([]),
  virtualNodes: z.array(withId(virtualNodeSchema)).default([]),
  masterPriority: masterPrioritySchema.default({ nodes: [], preempt: true }),
  weights: weightsSchema.default([]),
});

export type ModelDocument = z.output<typeof modelDocumentSchema>;
export type DocumentNode = ModelDocument['nodes'][number];

