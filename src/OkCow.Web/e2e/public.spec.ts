import { expect, test } from '@playwright/test';
import { base, expectAccessible, screenshots } from './support';

// What works without signing in: the app loads from the local host, under its content security policy, in Korean.
test('the app opens at / and at a deep link, in Korean, with no CSP or script errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const response = await page.goto(`${base()}/`);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { name: '펀드 시장' })).toBeVisible();
  await expect(page.getByText('아직 펀드가 없습니다.')).toBeVisible();
  await expectAccessible(page, 'market');

  await page.goto(`${base()}/sign-in`);
  await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshots(page, 'sign-in');

  await page.getByRole('combobox', { name: '언어' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.goto(`${base()}/sign-up`);
  await expectAccessible(page, 'sign-up');
  expect(problems).toEqual([]);
});
