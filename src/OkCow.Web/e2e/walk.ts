import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { base } from './support';

// Steps a person takes on the screens, shared by the walk of SPEC 3. Everything is found by role and label.

export async function newPerson(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ko-KR', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

export async function signUp(page: Page, name: string, loginId: string, password: string) {
  await page.goto(`${base()}/sign-up`);
  await page.getByLabel('이름').fill(name);
  await page.getByLabel('아이디').fill(loginId);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '가입하기' }).click();
  await expect(page.getByRole('heading', { name: '내 자산' })).toBeVisible();
}

export async function signIn(page: Page, loginId: string, password: string, home: string) {
  await page.goto(`${base()}/sign-in`);
  await page.getByLabel('아이디').fill(loginId);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('heading', { name: home })).toBeVisible();
}

/** Goes to a screen through the menu, as a person would (the burger opens it at phone width). */
export async function menu(page: Page, item: string) {
  const burger = page.getByRole('button', { name: '메뉴 열기' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).click();
}

/** Submits a one-number form in `region` and waits until the write has landed. */
export async function submitNumber(page: Page, region: string, label: string, value: string, button: string) {
  const form = page.getByRole('region', { name: region, exact: true });
  await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: button, exact: true }).click();
  await expect(form.getByText('반영되었습니다.')).toBeVisible();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A figure shows exactly `value` under its label (a hint may follow, never starting with a digit). */
export async function expectFigure(scope: Page | Locator, label: string, value: string) {
  await expect(scope.getByRole('group', { name: label, exact: true })).toHaveText(new RegExp(`^${escape(label + value)}(?![\\d,.%])`));
}

export async function openFund(page: Page, name: string, from: 'market' | 'operations') {
  await menu(page, from === 'market' ? '펀드 시장' : '펀드 운용');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
}

/** Places an order on the fund page; returns the form so a refusal can be read from it. */
export async function placeOrder(page: Page, side: '매수' | '매도', price: string, quantity: string) {
  const form = page.getByRole('region', { name: '주문하기' });
  await form.getByRole('radiogroup', { name: '구분' }).getByText(side, { exact: true }).click();
  await expect(form.getByRole('radio', { name: side })).toBeChecked();
  await form.getByLabel('가격').fill(price);
  await form.getByLabel('수량').fill(quantity);
  await form.getByRole('button', { name: side, exact: true }).click();
  return form;
}

export async function expectRefusal(form: Locator, code: string, words: string) {
  const alert = form.getByRole('alert');
  await expect(alert).toContainText(code);
  await expect(alert).toContainText(words);
}
