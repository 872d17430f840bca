import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, watchConsole } from './helpers.ts';

test('a new user signs in as the demo coordinator, switches languages and signs out', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demo-accounts' })).toBeVisible();
  await expect(page.getByText(DEMO_PASSWORD).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('E-mailadres', { exact: true }).fill('coordinator@genk.demo');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Goedendag, Koen/ })).toBeVisible();
  await expect(page.getByText('Je werkt in Samen voor Genk.')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
  await expect(nav.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Logboek' })).toHaveCount(0);
  await expectAccessible(page);

  const language = page.getByLabel('Taal / Language / Langue');
  await language.selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: /Koen/ })).not.toHaveText(/Goedendag/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await language.selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The choice holds when the app starts again: its French words are fetched before it shows.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Bonjour, Koen/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await language.selectOption('nl');
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag, Koen/ })).toBeVisible();

  await page.getByRole('button', { name: 'Afmelden', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(errors).toEqual([]);
});

test('a wrong password is answered in plain words, and the form keeps what was typed', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('E-mailadres', { exact: true }).fill('coordinator@genk.demo');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(
    page.getByText('Het e-mailadres of het wachtwoord klopt niet voor deze gemeente.'),
  ).toBeVisible();
  await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveValue('coordinator@genk.demo');
  await expectAccessible(page);
});

test('a coordinator who opens an administrator page is told why, not shown it', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Invullen: coordinator@genk.demo' }).click();
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag/ })).toBeVisible();
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  await expectAccessible(page);
});

test('an unknown page says so, accessibly', async ({ page }) => {
  await page.goto('/does-not-exist');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await expectAccessible(page);
});
