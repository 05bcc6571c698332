import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const base = () => process.env.E2E_BASE_URL ?? 'http://127.0.0.1:7071';
export const artifacts = resolve(import.meta.dirname, process.env.OKCOW_WEB_ARTIFACTS ?? '../../../.okcow/web-artifacts');

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('; ')}`)).toEqual([]);
}

/** Keeps a full-page screenshot of the page at 390 px (a phone) and at 1280 px wide. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: resolve(artifacts, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/** The value of the figure labelled `label` inside `scope` (a page or a region). */
export function figure(scope: Page | ReturnType<Page['locator']>, label: string) {
  return scope.getByRole('group', { name: label, exact: true });
}
