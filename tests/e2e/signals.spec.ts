import { type Browser, expect, type Page, test } from '@playwright/test';
import { generateDemoCity } from '../../src/server/db/seed/demo-city.ts';
import { signalCsv } from '../signal-files.ts';
import { expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

async function signedIn(browser: Browser, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000);
const belgian = (date: Date) =>
  `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
const dutch = (iso: string) => iso.split('-').reverse().join('/');

test('a partner uploads signals, staff link them and reach out, the partner sees "picked up"', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const city = generateDemoCity('genk', 300);
  const mehmet = city[0]!.members[0]!;
  const other = city[7]!.members[0]!;
  const reference = `E2E-${Date.now()}`;
  const rows = [
    {
      reference: `${reference}-1`,
      givenName: mehmet.givenName,
      familyName: mehmet.familyName,
      birthDate: dutch(mehmet.birthDate),
      street: city[0]!.address.street,
      houseNumber: city[0]!.address.houseNumber,
      amount: '2.345,67',
      action: 'zitting',
      actionDate: belgian(isoIn(3)),
      kind: 'huur',
    },
    {
      reference: `${reference}-2`,
      givenName: other.givenName,
      familyName: other.familyName,
      birthDate: dutch(other.birthDate),
      street: 'Hoevenzavellaan',
      houseNumber: '250',
      amount: 'abc',
    },
  ];

  // The partner: upload, see the bad row, fix it, send.
  const partner = await signedIn(browser, 'partner@genk.demo');
  const partnerErrors = watchConsole(partner);
  await partner
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Signalen bezorgen' })
    .click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Signalen bezorgen' })).toBeVisible();
  await expectAccessible(partner);
  await partner.locator('input[type=file]').setInputFiles({
    name: 'signalen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${signalCsv(rows)}`),
  });
  await expect(partner.getByRole('heading', { name: 'Rijen die niet kloppen' })).toBeVisible();
  const report = partner.getByRole('region', { name: 'Rijen die niet kloppen' });
  // The reason in the reader's language, from the code the server sends beside its English reason.
  await expect(report.getByRole('row', { name: '3 Bedrag „abc” is geen bedrag.' })).toBeVisible();
  await expect(
    partner.getByText('1 fout. Verbeter het bestand en kies het opnieuw; er is niets opgeslagen.', {
      exact: true,
    }),
  ).toBeVisible();
  await expect(partner.getByRole('button', { name: /versturen/ })).toHaveCount(0);
  await expectAccessible(partner);

  rows[1]!.amount = '87,50';
  await partner.locator('input[type=file]').setInputFiles({
    name: 'signalen-verbeterd.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(signalCsv(rows)),
  });
  await partner.getByRole('button', { name: '2 signalen versturen' }).click();
  await expect(
    partner.getByText('2 nieuwe signalen opgeslagen. Al eerder ontvangen: 0. Dank je.', { exact: true }),
  ).toBeVisible();
  await expect(partner.getByRole('row', { name: /signalen-verbeterd\.csv/ })).toBeVisible();
  await expectAccessible(partner);

  // A social worker: the uncertain link in the review queue, then the most urgent case to an outcome.
  const worker = await signedIn(browser, 'social-worker@genk.demo');
  const workerErrors = watchConsole(worker);
  const nav = worker.getByRole('navigation', { name: 'Hoofdnavigatie' });
  await nav.getByRole('link', { name: 'Signalen: na te kijken' }).click();
  const item = worker.getByRole('region', { name: `${other.givenName} ${other.familyName}` });
  await expect(item).toBeVisible();
  await expect(item).toContainText('zelfde naam en geboortedatum, ander adres');
  await expectAccessible(worker);
  await item
    .getByRole('button', { name: /hoort bij/ })
    .first()
    .click();
  await expect(item).toHaveCount(0);

  await nav.getByRole('link', { name: 'Signalen: dossiers' }).click();
  await expect(worker.getByRole('heading', { level: 1, name: 'Signalen: dossiers' })).toBeVisible();
  await expectAccessible(worker);
  const first = worker.getByRole('row').nth(1);
  await expect(first).toContainText(city[0]!.name);
  await first.getByRole('link').click();
  await expect(worker.getByRole('heading', { level: 1, name: city[0]!.name })).toBeVisible();
  await expect(worker.getByText('het gezin kan zijn woning verliezen')).toBeVisible();
  await expectAccessible(worker);

  await worker.getByRole('button', { name: 'Ik neem dit op' }).click();
  const steps = worker.getByRole('region', { name: 'Wat er al gebeurde' });
  await expect(steps).toContainText('opgenomen');
  const attempt = worker.getByRole('form', { name: 'Contactpoging' });
  await attempt.getByLabel('Hoe').selectOption('home_visit');
  await attempt.getByLabel('Resultaat').selectOption('reached');
  await attempt.getByRole('button', { name: 'Poging opslaan' }).click();
  await expect(steps).toContainText('huisbezoek');
  await expect(steps).toContainText('gesproken');
  const offer = worker.getByRole('form', { name: 'Hulp aangeboden' });
  await offer.getByLabel('Welke hulp').selectOption('payment_plan');
  await offer.getByRole('button', { name: 'Aanbod opslaan' }).click();
  await expect(steps).toContainText('afbetalingsplan');
  const answer = worker.getByRole('form', { name: 'Antwoord van het gezin' });
  // Nothing is chosen beforehand: saving without a choice asks for one and records nothing.
  await expect(answer.getByLabel('Antwoord')).toHaveValue('');
  await answer.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(answer.getByText('Kies er een uit de lijst.')).toBeVisible();
  await expect(steps).not.toContainText('aanvaard');
  await answer.getByLabel('Antwoord').selectOption('accepted');
  await answer.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(steps).toContainText('aanvaard');
  const close = worker.getByRole('form', { name: 'Afsluiten' });
  await close.getByLabel('Uitkomst').selectOption('payment_plan');
  await close.getByRole('button', { name: 'Dossier afsluiten' }).click();
  await expect(worker.getByText('Afgesloten: afbetalingsplan.')).toBeVisible();
  await expectAccessible(worker);

  // The partner sees only "picked up".
  await partner
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Onze signalen' })
    .click();
  const row = partner.getByRole('row', { name: new RegExp(`${reference}-1`) });
  await expect(row).toContainText('opgenomen');
  await expect(row).not.toContainText('nog niet');
  await expect(row).not.toContainText('afbetalingsplan');
  await expectAccessible(partner);
  expect(partnerErrors).toEqual([]);
  expect(workerErrors).toEqual([]);
});

test('every signals screen works at 360 px without axe violations', async ({ browser }) => {
  test.setTimeout(90_000);
  const worker = await signedIn(browser, 'coordinator@genk.demo', 360);
  for (const [path, heading] of [
    ['/signals/cases', 'Signalen: dossiers'],
    ['/signals/review', 'Signalen om na te kijken'],
    ['/signals/committee', 'Lokale adviescommissie'],
  ] as const) {
    await worker.goto(path);
    await expect(worker.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(worker);
    await expectFitsWidth(worker, path);
  }
  await worker.goto('/signals/cases');
  await worker.getByRole('row').nth(1).getByRole('link').click();
  await expect(worker.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  await expectAccessible(worker);
  const partner = await signedIn(browser, 'partner@genk.demo', 360);
  for (const path of ['/signals/portal', '/signals/upload']) {
    await partner.goto(path);
    await expect(partner.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(partner);
    await expectFitsWidth(partner, path);
  }
});

test('the advisory committee: a disconnection request in winter, the decision, the minutes', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const worker = await signedIn(browser, 'coordinator@genk.demo');
  await worker.goto('/signals/cases');
  await worker.getByRole('row').nth(1).getByRole('link').click();
  const request = worker.getByRole('form', { name: 'Voorleggen aan de adviescommissie' });
  await expect(request).toBeVisible();
  // Only a case someone took on goes to the committee.
  const takeOn = worker.getByRole('button', { name: 'Ik neem dit op' });
  if (await takeOn.isVisible()) {
    await takeOn.click();
    await expect(takeOn).toHaveCount(0);
  }
  await request.getByLabel('Aanvraag').selectOption('disconnection');
  const year = new Date().getUTCFullYear() + 1;
  await request.getByLabel('Gevraagde datum').fill(`${year}-01-15`);
  await request.getByRole('button', { name: 'Voorleggen' }).click();
  await expect(worker.getByRole('alert').filter({ hasText: 'Tussen 1 december en 1 maart' })).toBeVisible();

  await worker
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Lokale adviescommissie' })
    .click();
  await expect(worker.getByText(/Aanvragen die op een vergadering wachten: [1-9]/)).toBeVisible();
  await worker.getByLabel('Datum').fill(`${year - 1}-12-10`);
  await expect(worker.getByLabel('Datum')).toHaveValue(`${year - 1}-12-10`);
  await worker.getByLabel('Plaats').fill('Stadhuis, zaal 2');
  await worker.getByRole('button', { name: 'Plannen' }).click();
  await expect(worker.getByRole('heading', { level: 1, name: /Adviescommissie van/ })).toBeVisible();
  await expect(worker.getByText('Tussen 1 december en 1 maart').first()).toBeVisible();
  await expectAccessible(worker);
  await worker.getByLabel('Beslissing').first().selectOption('refused');
  await worker.getByRole('button', { name: 'Beslissing vastleggen' }).first().click();
  await expect(worker.getByText('Beslist: geweigerd, eenparig.').first()).toBeVisible();
  const minutes = await worker.request.get(
    (await worker.getByRole('link', { name: 'Verslag (afdrukbaar)' }).getAttribute('href'))!,
  );
  expect(await minutes.text()).toContain('eenparig');
});

test('an administrator registers a partner, makes it a key for one postcode, a team and a shorter deadline; a worker records what else weighs on a household', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(browser, 'admin@genk.demo');
  const errors = watchConsole(admin);
  await admin
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Signalen: instellingen' })
    .click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Signalen: instellingen' })).toBeVisible();
  await expectAccessible(admin);

  const partnerName = `Waterbedrijf E2E ${Date.now()}`;
  const newPartner = admin.getByRole('form', { name: 'Nieuwe partnerorganisatie' });
  await newPartner.getByLabel('Naam', { exact: true }).fill(partnerName);
  await newPartner.getByLabel('Soort organisatie').selectOption('water_company');
  await newPartner.getByRole('button', { name: 'Partner toevoegen' }).click();
  await expect(admin.getByRole('rowheader', { name: partnerName })).toBeVisible();
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: partnerName }) });
  await expect(row.getByRole('cell', { name: 'watermaatschappij' })).toBeVisible();

  // The key card for this partner opened with it: a key limited to one postcode, shown once.
  const keys = admin.getByRole('region', { name: `API-sleutels van ${partnerName}` });
  await keys.getByLabel('Naam van de sleutel').fill('Facturatie');
  await keys.getByLabel('Postcodes').fill('3600');
  await keys.getByRole('button', { name: 'Sleutel maken' }).click();
  await expect(keys.getByText(/^samen_/)).toBeVisible();
  await keys.getByRole('button', { name: 'Ik heb hem bewaard' }).click();
  await expect(keys.getByText(/^samen_/)).toHaveCount(0);
  await expect(keys.getByRole('cell', { name: '3600' })).toBeVisible();
  await expectAccessible(admin);

  const teamName = `Team Noord ${Date.now()}`;
  const newTeam = admin.getByRole('form', { name: 'Nieuw team' });
  await newTeam.getByLabel('Naam van het team').fill(teamName);
  await newTeam.getByRole('button', { name: 'Team toevoegen' }).click();
  await expect(admin.getByRole('rowheader', { name: teamName })).toBeVisible();

  const water = admin.getByLabel('Werkdagen voor water', { exact: true });
  await water.fill('3');
  await admin.getByRole('button', { name: 'Instellingen bewaren' }).click();
  await expect(admin.getByText('De instellingen zijn bewaard.')).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('Werkdagen voor water', { exact: true })).toHaveValue('3');
  expect(errors).toEqual([]);

  // A worker adds what else is known; the urgency explains it.
  const worker = await signedIn(browser, 'social-worker@genk.demo');
  await worker.goto('/signals/cases');
  await worker.getByRole('row').nth(1).getByRole('link').click();
  await expect(worker.getByRole('heading', { name: 'Wat nog meespeelt' })).toBeVisible();
  const why = worker.getByRole('heading', { level: 2, name: /Waarom dit dossier voorgaat/ });
  const before = Number((await why.textContent())?.match(/\d+/)?.[0]);
  const tags = worker.getByRole('combobox', { name: 'Andere bekende aandachtspunten' });
  await tags.fill('gezondheid');
  await tags.press('Enter');
  await worker
    .getByRole('form', { name: 'Wat nog meespeelt' })
    .getByRole('button', { name: 'Bewaren' })
    .click();
  await expect(worker.getByText('Opgeslagen.').first()).toBeVisible();
  await expect.poll(async () => Number((await why.textContent())?.match(/\d+/)?.[0])).toBeGreaterThan(before);
  await expectAccessible(worker);
});
