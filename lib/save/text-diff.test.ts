import { describe, expect, it } from 'vitest';
import { diffLines } from './text-diff';

const show = (a: string, b: string) => diffLines(a, b).map((l) => `${l.op}${l.text}`).join('|');

describe('diffLines', () => {
  it.each([
    ['', '', ''],
    ['a', 'a', ' a'],
    ['a\nb', 'a\nc', ' a|-b|+c'],
    ['', 'x\ny', '+x|+y'],
    ['x\ny', '', '-x|-y'],
    ['-A t:80 -s lc\n-a r1 -w 100', '-A t:80 -s lc\n-a r1 -w 200\n-a r2 -w 1', ' -A t:80 -s lc|--a r1 -w 100|+-a r1 -w 200|+-a r2 -w 1'],
  ])('%j → %j', (a, b, expected) => expect(show(a, b)).toBe(expected));
});
