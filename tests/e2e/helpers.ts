import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'samen-demo-2026';

/** axe with the WCAG 2.1 A and AA rules: any violation fails the journey, with its rule and target. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found).toEqual([]);
}

/**
 * The page fits the screen: nothing scrolls sideways. Measured once every request has answered,
 * so a table that arrives late is measured too.
 */
export async function expectFitsWidth(page: Page, what = page.url()) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, what).toBeLessThanOrEqual(0);
}

/**
 * Collects console errors, CSP violations included. The browser's own line for an expected 401
 * (asking who is signed in after signing out) is an answer, not an error, and is left out.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: .*status of 401/.test(text)) return;
    errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
