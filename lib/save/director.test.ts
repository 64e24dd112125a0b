import { describe, expect, it } from 'vitest';
import { chooseActiveDirector } from './director';

describe('chooseActiveDirector', () => {
  it.each([
    ['first candidate answers', ['a', 'b'], ['a', 'b'], null, true, 'a'],
    ['first is down, next takes over', ['a', 'b'], ['b'], 'a', true, 'b'],
    ['master returns with preempt: it takes the role back', ['a', 'b'], ['a', 'b'], 'b', true, 'a'],
    ['master returns without preempt: the backup keeps it', ['a', 'b'], ['a', 'b'], 'b', false, 'b'],
    ['without preempt but the holder is down', ['a', 'b'], ['a'], 'b', false, 'a'],
    ['no candidate answers', ['a', 'b'], [], 'a', true, null],
    ['no candidates', [], ['a'], null, true, null],
    ['a non-candidate holding the VIP is ignored', ['a'], ['a', 'x'], 'x', false, 'a'],
  ] as const)('%s', (_l, candidates, reachable, current, preempt, expected) => {
    expect(chooseActiveDirector({ candidates: [...candidates], reachable: new Set(reachable), current, preempt })).toBe(expected);
  });
});
