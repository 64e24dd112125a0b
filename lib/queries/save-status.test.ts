import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '../cluster/model';
import { canonicalJson, modelDiffersFromApplied } from './save-status';

const empty: ClusterModel = { services: [], nodes: [], nodeGroups: [], virtualNodes: [], masterPriority: { nodes: [], preempt: true, failover: null }, weights: [], checkOverrides: [] };
const withOverride: ClusterModel = { ...empty, checkOverrides: [{ node: 'n1', service: 's1', healthCheck: null }] };
const withWeight: ClusterModel = { ...empty, weights: [{ node: 'n1', service: 's1', weight: 200 }] };

describe('canonicalJson', () => {
  it('ignores key order, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(canonicalJson([2, 1])).toBe('[2,1]');
  });
});

describe('modelDiffersFromApplied', () => {
  it.each([
    ['empty model, never saved', empty, null, false],
    ['non-empty model, never saved', withWeight, null, true],
    ['same model, keys reordered', withWeight, '{"weights":[{"weight":200,"service":"s1","node":"n1"}],"virtualNodes":[],"services":[],"nodes":[],"nodeGroups":[],"masterPriority":{"preempt":true,"nodes":[]}}', false],
    ['saved before check overrides existed, none set since', empty, '{"services":[],"nodes":[],"nodeGroups":[],"virtualNodes":[],"masterPriority":{"nodes":[],"preempt":true},"weights":[]}', false],
    ['an override set since the save', withOverride, JSON.stringify(empty), true],
    ['weight changed since the save', withWeight, JSON.stringify({ ...withWeight, weights: [{ node: 'n1', service: 's1', weight: 100 }] }), true],
    ['unreadable snapshot', empty, '{', true],
  ] as const)('%s', (_label, model, applied, want) => {
    expect(modelDiffersFromApplied(model, applied)).toBe(want);
  });
});
