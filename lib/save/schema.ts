import { z } from 'zod';
import { idList } from '../cluster/primitives';

export const saveRequestSchema = z.strictObject({
  dryRun: z.boolean({ error: 'must be true or false' }).default(false),
  nodes: idList.optional(),
  fixNatGateway: z.boolean({ error: 'must be true or false' }).default(false),
});
