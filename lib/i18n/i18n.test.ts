import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';
import { pickLocale, t } from './index';

describe('dictionaries', () => {
  it('hold the same keys in English and Korean', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });
  it('leave no Korean label empty', () => {
    expect(Object.entries(ko).filter(([, v]) => !v.trim())).toEqual([]);
  });
  it('use the Cluman menu terms', () => {
    expect([t('ko', 'nav.cluster'), t('ko', 'nav.master'), t('ko', 'top.saveState')]).toEqual(['클러스터', '마스터 설정', '설정상태저장']);
  });
  it('fills placeholders', () => {
    expect(t('en', 'node.storedKeep', { kind: 'key' })).toBe('stored (key); leave empty to keep');
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, 'ko-KR,ko;q=0.9,en;q=0.8', 'ko'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    ['ko', 'en-US', 'ko'],
    ['xx', null, 'en'],
    [undefined, 'fr-FR,ko;q=0.5', 'ko'],
  ] as const)('cookie %s, Accept-Language %s → %s', (cookie, header, want) => {
    expect(pickLocale(cookie, header)).toBe(want);
  });
});
