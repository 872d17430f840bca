import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible } from './helpers.ts';

test('someone who forgot their password gets a link by e-mail, chooses a new one and signs in', async ({
  page,
  playwright,
}) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('E-mailadres', { exact: true }).fill('volunteer@genk.demo');
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByText(/Als dit adres bij ons bekend is/)).toBeVisible();

  // The administrator reads the outbox (demo mode keeps e-mails there instead of sending them).
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const login = await admin.post('/api/auth/login', {
    data: { tenant: 'genk', email: 'admin@genk.demo', password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  let link: string | undefined;
  await expect(async () => {
    const mails = (await (await admin.get('/api/admin/outbox')).json()) as {
      toAddress: string;
      body: string;
    }[];
    link = /http\S+set-password\S+/.exec(
      mails.find((m) => m.toAddress === 'volunteer@genk.demo')?.body ?? '',
    )?.[0];
    expect(link).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  await admin.dispose();

  const url = new URL(link!);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kies een wachtwoord' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('mijn nieuwe wachtwoord');
  await page.getByLabel('Herhaal het wachtwoord', { exact: true }).fill('mijn nieuwe wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
  await expect(page.getByText('Je wachtwoord is bewaard. Je kunt je nu aanmelden.')).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('E-mailadres', { exact: true }).fill('volunteer@genk.demo');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('mijn nieuwe wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag, Vera/ })).toBeVisible();
});
