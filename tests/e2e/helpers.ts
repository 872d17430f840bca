import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { brusselsDay, brusselsWeekday } from '../../src/shared/brussels.ts';

export const DEMO_PASSWORD = 'samen-demo-2026';

/** axe with the WCAG 2.1 A and AA rules: any violation fails the journey, with its rule and target. */
export async function expectAccessible(page: Page) {
  // A notice still fading in is measured at part of its opacity, so its contrast would depend on the
  // moment axe looks: wait for finite transitions to end (spinners loop for ever and are left).
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { timeout: 5_000 },
  );
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

/** Fills and sends the sign-in form on the page that shows it: a demo account of Genk unless told. */
export async function fillSignIn(
  page: Page,
  email: string,
  { tenant = 'genk', password = DEMO_PASSWORD }: { tenant?: string; password?: string } = {},
) {
  await page.getByLabel('Gemeente', { exact: true }).selectOption(tenant);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
}

/** Signs a demo account in from the sign-in page and waits for the home page's greeting. */
export async function signInAs(page: Page, email: string, tenant = 'genk') {
  await page.goto('/sign-in');
  await fillSignIn(page, email, { tenant });
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag/ })).toBeVisible();
}

/** An API session of a demo account of Genk, with its security token for changes. */
export async function apiAs(request: APIRequestContext, email: string) {
  const login = await request.post('/api/auth/login', {
    data: { tenant: 'genk', email, password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const me = (await (await request.get('/api/auth/me')).json()) as {
    user: { id: string };
    csrfToken: string;
  };
  return { id: me.user.id, headers: { 'x-csrf-token': me.csrfToken } };
}

/**
 * The demo server's clock (the demo-only /api/dev/clock), moved this many days ahead and back to 0,
 * with one administrator sign-in for both (sign-ins are rate limited).
 */
export async function serverClock(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const admin = await apiAs(context.request, 'admin@genk.demo');
  return {
    async set(offsetDays: number) {
      const moved = await context.request.post('/api/dev/clock', {
        data: { offsetDays },
        headers: admin.headers,
      });
      expect(moved.ok(), await moved.text()).toBe(true);
    },
    close: () => context.close(),
  };
}

/** Moves the demo server's clock (the demo-only /api/dev/clock) this many days ahead; 0 sets it back. */
export async function setServerClock(browser: Browser, offsetDays: number) {
  const clock = await serverClock(browser);
  await clock.set(offsetDays);
  await clock.close();
}

/** Whole days from today in Genk to a date (yyyy-mm-dd): what setServerClock takes to reach that day. */
export function daysUntil(date: string): number {
  return Math.round(
    (Date.parse(`${date}T12:00:00Z`) - Date.parse(`${brusselsDay()}T12:00:00Z`)) / 86_400_000,
  );
}

/** The next date after today in Genk that falls on the given weekday (0 = Monday), yyyy-mm-dd. */
export const nextWeekday = (day: number) => brusselsWeekday(day);
