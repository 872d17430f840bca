import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers.ts';

// Pages are fetched when first opened. After a new version, a tab opened on the old one asks for a
// file that is no longer there: it says so in plain words and offers to reload, never a blank page.
test('a page whose code cannot be fetched shows the error page with a way to reload', async ({ browser }) => {
  // No service worker: the request must reach the network, where it fails.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();

  await page.route(/\/assets\/ForgotPasswordPage-[^/]+\.js$/, (route) => route.abort('failed'));
  await page.getByRole('link', { name: /wachtwoord vergeten/i }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Er ging iets mis' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pagina opnieuw laden' })).toBeVisible();
  await expectAccessible(page);

  // Once the file can be fetched again, reloading opens the page.
  await page.unroute(/\/assets\/ForgotPasswordPage-[^/]+\.js$/);
  await page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
  await expect(page).toHaveURL(/\/forgot-password/);
  await context.close();
});
