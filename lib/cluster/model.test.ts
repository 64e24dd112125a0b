/**
 * The model types are written out in model.ts (with a word on each field); the entity schemas are
 * what input goes through. This holds the two together: a field added, removed or retyped on one
 * side and not the other fails `tsc` (npm test runs it) before any test runs.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ClusterModel, NodeGroupModel, NodeModel, ServiceModel, VirtualNodeModel, WeightModel } from './model';
import type { masterPrioritySchema, nodeGroupSchema, nodeSchema, serviceSchema, sshSchema, virtualNodeSchema, weightEntrySchema } from './schemas';

type Stored<S extends z.ZodType> = { id: string } & z.output<S>;
type Flat<T> = { [K in keyof T]: T[K] };

describe('model types agree with the entity schemas', () => {
  it('one entity at a time (ids added, credentials never part of the model)', () => {
    expectTypeOf<ServiceModel>().toEqualTypeOf<Flat<Stored<typeof serviceSchema>>>();
    expectTypeOf<NodeModel>().toEqualTypeOf<Flat<Omit<Stored<typeof nodeSchema>, 'ssh'> & { ssh: Flat<Omit<z.output<typeof sshSchema>, 'privateKey' | 'password'>> }>>();
    expectTypeOf<NodeGroupModel>().toEqualTypeOf<Flat<Stored<typeof nodeGroupSchema>>>();
    expectTypeOf<VirtualNodeModel>().toEqualTypeOf<Flat<Stored<typeof virtualNodeSchema>>>();
    expectTypeOf<WeightModel>().toEqualTypeOf<z.output<typeof weightEntrySchema>>();
    expectTypeOf<ClusterModel['masterPriority']>().toEqualTypeOf<z.output<typeof masterPrioritySchema>>();
  });
});
