/**
 * Hangul draws from the font the console bundles, not from the machine: this machine (and CI's) has
 * no CJK font, where Korean pages showed empty boxes before Noto Sans KR was bundled.
 */
import { expect, test } from '@playwright/test';

test.use({ locale: 'ko-KR', extraHTTPHeaders: { 'accept-language': 'ko' } });

test('a Korean page renders Hangul with the bundled Noto Sans KR; signed out, the language switch works', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('h1')).toHaveText(/[가-힣]/); // sign-in, or setup on an empty console
  const measured = await page.evaluate(async () => {
    await document.fonts.ready;
    const sample = '설정상태저장';
    await document.fonts.load(`16px "Noto Sans KR Variable"`, sample);
    const loaded = [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans KR Variable' && f.status === 'loaded');
    // A missing glyph falls back to one box shape: every character the same width as an unknown one.
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `32px "Noto Sans KR Variable", monospace`;
    const widths = [...sample].map((c) => ctx.measureText(c).width);
    ctx.font = '32px monospace';
    const fallback = [...sample].map((c) => ctx.measureText(c).width);
    return { loaded, widths, fallback };
  });
  expect(measured.loaded).toBe(true);
  expect(measured.widths).not.toEqual(measured.fallback);
  for (const w of measured.widths) expect(w).toBeGreaterThan(24); // a full-width syllable at 32px
  // Signed out, the language can still be switched, and it sticks (a cookie: there is no user yet).
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText(/^(Sign in|Create the first administrator)$/);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
