import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

test('an administrator invites a colleague, sees the e-mail, the audit entry, and deactivates the account', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signInAs(page, 'admin@genk.demo');
  const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });

  await nav.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
  await expectAccessible(page);
  const email = `nieuwe.collega.${Date.now()}@genk.demo`;
  await page.getByRole('button', { name: 'Iemand uitnodigen' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Naam').fill('Nieuwe Collega');
  await dialog.getByLabel('E-mailadres').fill(email);
  await dialog.getByRole('checkbox', { name: 'huisbezoeker' }).check();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByText(`Uitnodiging verstuurd naar ${email}.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) });
  await expect(row).toContainText('Uitgenodigd');

  await nav.getByRole('link', { name: 'Verstuurde e-mails' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verstuurde e-mails' })).toBeVisible();
  await expect(page.getByText(email).first()).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page);

  await nav.getByRole('link', { name: 'Logboek' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logboek' })).toBeVisible();
  // Each entry says what happened in words, with its key beneath for whoever needs it.
  const trail = page.getByRole('table');
  const invited = trail.getByRole('row').filter({ hasText: 'Gebruiker uitgenodigd' }).first();
  await expect(invited).toBeVisible();
  await expect(invited).toContainText('users.invite');
  await expectAccessible(page);
  // The filter offers the actions in words, grouped by the part of Samen they belong to, and asks
  // the server for that action alone.
  const actions = page.getByLabel('Handeling');
  await expect(actions.locator('optgroup[label="Accounts"] > option', { hasText: 'Aangemeld' })).toHaveCount(
    1,
  );
  await expect(actions.locator('optgroup[label="Genk Helpt"] > option').first()).toBeAttached();
  await actions.selectOption({ label: 'Aangemeld' });
  await page.getByRole('button', { name: 'Filter toepassen' }).click();
  await expect(trail.getByRole('row').nth(1)).toContainText('Aangemeld');
  await expect(trail.getByRole('row').nth(1)).toContainText('auth.login');
  await expect(trail.getByText('users.invite', { exact: true })).toHaveCount(0);
  await expect(trail.getByText('auth.login_failed', { exact: true })).toHaveCount(0);
  expect(await trail.getByText('auth.login', { exact: true }).count()).toBe(
    (await trail.getByRole('row').count()) - 1,
  );
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Filters wissen' }).click();
  await expect(trail.getByText('users.invite', { exact: true }).first()).toBeVisible();

  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Deactiveren: Nieuwe Collega' }).click();
  const confirm = page.getByRole('dialog');
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Deactiveren' }).click();
  await expect(page.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) })).toContainText(
    'Gedeactiveerd',
  );
  expect(errors).toEqual([]);
});

test('the neighbourhoods of Genk are listed with their focus neighbourhoods, and As is nowhere', async ({
  page,
}) => {
  await signInAs(page, 'neighbourhood-manager@genk.demo');
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Wijken' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wijken' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Waterschei' })).toBeVisible();
  await expect(page.getByText('As-Centrum')).toHaveCount(0);
  await expectAccessible(page);
});

test('an administrator of As sees only As', async ({ page }) => {
  await signInAs(page, 'admin@as.demo', 'as');
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Accounts' })
    .click();
  await expect(page.getByText('admin@as.demo').first()).toBeVisible();
  await expect(page.getByText('@genk.demo')).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Wijken' })
    .click();
  await expect(page.getByRole('rowheader', { name: 'As-Centrum' })).toBeVisible();
  await expect(page.getByText('Waterschei')).toHaveCount(0);
});

test('on a 360 px phone the menu opens from the burger button', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs(page, 'admin@genk.demo');
  const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
  await page.getByRole('button', { name: 'Menu openen' }).click();
  await nav.getByRole('link', { name: 'Wijken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wijken' })).toBeVisible();
  // Measure once the table and the map are drawn, not while the list still loads.
  await expect(page.getByRole('rowheader', { name: 'Waterschei' })).toBeVisible();
  await expectFitsWidth(page);
  // The map keeps a width at which its names are readable (18 of its 800 units: at least 12 px),
  // and says it scrolls sideways, instead of shrinking them to a few pixels.
  const map = page.getByRole('region', { name: 'Kaart van de wijken' });
  await expect(map.getByRole('img', { name: 'Kaart van de wijken' })).toBeVisible();
  const drawn = await map.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width);
  expect((drawn * 18) / 800).toBeGreaterThanOrEqual(12);
  await expect(page.getByText('Schuif opzij voor de rest van de kaart')).toBeVisible();
  await expectAccessible(page);
});
