import { expect, type Page } from '@playwright/test';

/** Inputs are addressed by their form name, which is also the schema field the server reports errors under. */
export const field = (page: Page, name: string) => page.locator(`form [name="${name}"]:not([type=hidden])`).first();

export async function fill(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await field(page, name).fill(value);
}

export async function submitAndWaitClosed(page: Page, formTitle: string) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: formTitle })).toHaveCount(0);
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL('**/cluster');
}

export async function signOut(page: Page) {
  await page.locator('header form button[type=submit]').click();
  await page.waitForURL('**/login');
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: true });
}
