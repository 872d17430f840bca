import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, type PlaywrightWorkerArgs, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

async function openResidents(page: Page) {
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Inwoners' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inwoners' })).toBeVisible();
}

/** The purpose question comes before any record is shown; the choice is remembered for the session. */
async function choosePurpose(page: Page, purpose: string) {
  await expect(page.getByRole('heading', { name: 'Waarom open je dit dossier?' })).toBeVisible();
  await page.getByLabel('Doel', { exact: true }).selectOption({ label: purpose });
  await page.getByRole('button', { name: 'Dossier openen' }).click();
}

/** The purposes the purpose question offers, without its "choose one" line. */
async function offeredPurposes(page: Page) {
  const options = await page.getByLabel('Doel', { exact: true }).locator('option').allTextContents();
  return options.filter((label) => label !== 'Kies een doel');
}

async function registerResident(page: Page, givenName: string, familyName: string) {
  await page.getByRole('link', { name: 'Een inwoner registreren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Een inwoner registreren' })).toBeVisible();
  await page.getByLabel('Voornaam', { exact: true }).fill(givenName);
  await page.getByLabel('Familienaam', { exact: true }).fill(familyName);
  await page.getByLabel('Geboortedatum', { exact: true }).fill('14/02/1961');
  await page.getByRole('button', { name: 'Inwoner registreren' }).click();
}

test('a social worker finds the Öztürk family, opens a record for a purpose, the household and its timeline, and exports the data', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'social-worker@genk.demo');
  await openResidents(page);
  await expect(page.getByText('Typ een naam, adres of telefoonnummer')).toBeVisible();
  await expectAccessible(page);

  // Searching as you type, without accents: "ozturk" finds "Öztürk".
  await page.getByLabel('Zoeken', { exact: true }).fill('ozturk');
  const results = page.getByRole('region', { name: 'Gevonden inwoners' });
  await expect(results.getByRole('link', { name: 'Mehmet Öztürk' })).toBeVisible();
  await expect(results.getByRole('row', { name: /Mehmet Öztürk/ })).toContainText('Winterslag');
  await expectAccessible(page);

  await results.getByRole('link', { name: 'Mehmet Öztürk' }).click();
  await choosePurpose(page, 'Dossieropvolging');
  await expect(page.getByRole('heading', { level: 1, name: 'Mehmet Öztürk' })).toBeVisible();
  await expect(page.getByText('Geopend voor: Dossieropvolging')).toBeVisible();
  await expect(page.getByText('Turks, Nederlands')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tijdlijn' })).toBeVisible();
  await expectAccessible(page);

  // The household: address, neighbourhood, members with relation and age, and its timeline.
  await page.getByRole('link', { name: /Gezin Öztürk/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Gezin.*Öztürk/ })).toBeVisible();
  await expect(page.getByText('Stalenstraat 14')).toBeVisible();
  const members = page.getByRole('region', { name: 'Gezinsleden' });
  await expect(members.getByRole('row', { name: /Elif Öztürk/ })).toContainText('Kind');
  await expect(page.getByRole('heading', { name: 'Tijdlijn' })).toBeVisible();
  await expect(page.locator('.timeline-item').first()).toBeVisible();
  await expectAccessible(page);

  // Back to a resident (the purpose is remembered), and the right of access: JSON and printable page.
  await members.getByRole('link', { name: 'Ayşe Öztürk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ayşe Öztürk' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Gegevens downloaden (JSON)' }).click();
  const download = await downloading;
  const saved = await download.path();
  const exported = readFileSync(saved, 'utf8');
  expect(exported).toContain('Ayşe');
  expect(exported).toContain('Öztürk');
  expect(() => JSON.parse(exported)).not.toThrow();

  const opening = context.waitForEvent('page');
  await page.getByRole('link', { name: 'Afdrukbare versie openen' }).click();
  const printable = await opening;
  await printable.waitForLoadState();
  await expect(printable.locator('body')).toContainText('Ayşe');
  // In Ayşe's own language when the page has it (Turkish: not), else the reader's Dutch; English
  // and French a link away.
  await expect(printable.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(printable.getByRole('heading', { level: 2 }).first()).toHaveText('Over jou');
  await expect(printable.getByRole('link', { name: 'English' })).toBeVisible();
  await expectAccessible(printable);
  await printable.close();

  // A contact moment recorded by hand comes first on the timeline.
  await page.getByRole('button', { name: 'Contactmoment vastleggen' }).click();
  const moment = page.getByRole('dialog');
  await moment.getByLabel('Hoe').selectOption({ label: 'Huisbezoek' });
  await moment.getByLabel('Wat werd besproken?').fill('Langsgegaan om de schoolpremie samen aan te vragen');
  await expectAccessible(page);
  await moment.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(page.locator('.timeline-item').first()).toContainText('Langsgegaan om de schoolpremie');
  await expect(page.locator('.timeline-item').first()).toContainText('Huisbezoek');
  expect(errors).toEqual([]);
});

test('a social worker registers a resident: impossible values are refused next to the field, a possible duplicate is shown before registering anyway', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'social-worker@genk.demo');
  await openResidents(page);

  // A future birth date: the message stands next to the field, nothing is sent.
  await page.getByRole('link', { name: 'Een inwoner registreren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Een inwoner registreren' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Voornaam', { exact: true }).fill('Lotte');
  await page.getByLabel('Familienaam', { exact: true }).fill('Toekomst');
  const birthDate = page.getByLabel('Geboortedatum', { exact: true });
  await birthDate.fill('01/01/2099');
  await page.getByRole('button', { name: 'Inwoner registreren' }).click();
  await expect(birthDate).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await birthDate.getAttribute('aria-describedby')) ?? '';
  const message = page.getByText('Een geboortedatum kan niet in de toekomst liggen.');
  await expect(message).toBeVisible();
  expect(describedBy.split(' ')).toContain(await message.getAttribute('id'));
  await page.getByLabel('Postcode', { exact: true }).fill('123');
  await page.getByLabel('Postcode', { exact: true }).blur();
  await expect(page.getByText('Een postcode heeft vier cijfers')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Annuleren' }).click();

  // Someone who may be known already: the candidates are shown, and registering anyway is a choice.
  await page.getByRole('link', { name: 'Een inwoner registreren' }).click();
  await page.getByLabel('Voornaam', { exact: true }).fill('Ayşe');
  await page.getByLabel('Familienaam', { exact: true }).fill('Öztürk');
  await page.getByLabel('Geboortedatum', { exact: true }).fill('02/09/1988');
  await page.getByRole('button', { name: 'Inwoner registreren' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'Is deze inwoner al gekend?' });
  await expect(warning.getByRole('link', { name: 'Ayşe Öztürk' })).toBeVisible();
  await expect(warning).toContainText('zelfde naam en geboortedatum');
  await expectAccessible(page);
  await warning.getByRole('button', { name: 'Toch registreren' }).click();
  await choosePurpose(page, 'Gegevens nakijken');
  await expect(page.getByRole('heading', { level: 1, name: 'Ayşe Öztürk' })).toBeVisible();
  await expect(page.getByText('Deze inwoner hoort nog bij geen gezin.')).toBeVisible();
  expect(errors.filter((line) => !/status of 409/.test(line))).toEqual([]);
});

test('a social worker anonymises a resident: a legal hold is explained first, and the page says what happened', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'social-worker@genk.demo');
  await openResidents(page);

  // A resident registered for this journey (so the demo family stays as it is).
  const familyName = `Anoniem${Date.now().toString(36)}`;
  await registerResident(page, 'Jan', familyName);
  await choosePurpose(page, 'Gegevens nakijken');
  await expect(page.getByRole('heading', { level: 1, name: `Jan ${familyName}` })).toBeVisible();
  await expectAccessible(page);
  const personId = page.url().split('/persons/')[1] ?? '';

  // While a programme holds the record, erasing is refused with an explanation, not a crash.
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const hold = await page.request.post('/api/legal-holds', {
    headers,
    data: { personId, module: 'early_signals', reason: 'Lopend dossier bij het lokaal adviescomité' },
  });
  expect(hold.status()).toBe(201);
  const holdId = ((await hold.json()) as { id: string }).id;
  await page.reload();
  await expect(page.getByText('Lopend dossier bij het lokaal adviescomité')).toBeVisible();
  await page.getByRole('button', { name: 'Wissen' }).click();
  const eraseDialog = page.getByRole('dialog');
  await eraseDialog.getByLabel('Waarom?').fill('Op vraag van de inwoner');
  await eraseDialog.getByRole('button', { name: 'Ja, alles wissen' }).click();
  await expect(eraseDialog.getByText('Dit kan nu niet: er geldt een bewaarplicht')).toBeVisible();
  await expect(eraseDialog.getByText('Er is niets gewijzigd.', { exact: false })).toBeVisible();
  await expectAccessible(page);
  await eraseDialog.getByRole('button', { name: 'Annuleren' }).click();
  expect((await page.request.delete(`/api/legal-holds/${holdId}`, { headers })).ok()).toBe(true);
  await page.reload();
  await expect(page.getByText('Er geldt geen bewaarplicht.')).toBeVisible();

  await page.getByRole('button', { name: 'Anonimiseren' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Dit kun je niet ongedaan maken.')).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel('Waarom?').fill('Op vraag van de inwoner');
  await dialog.getByRole('button', { name: 'Ja, anonimiseren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Geanonimiseerde inwoner' })).toBeVisible();
  await expect(page.getByText('De gegevens van deze inwoner zijn geanonimiseerd').first()).toBeVisible();
  await expect(page.getByText(familyName)).toHaveCount(0);
  await expectAccessible(page);
  // The refusal while the hold applied is an expected answer (409), not an error of the page.
  expect(errors.filter((line) => !/status of 409/.test(line))).toEqual([]);
});

async function personUrlFor(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, 'social-worker@genk.demo');
  await page.goto(`/residents?q=${encodeURIComponent(name)}`);
  const link = page.getByRole('link', { name }).first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  await context.close();
  return href;
}

/**
 * The demo volunteer's password may have been changed by the password journey; give it back the
 * demo password through the same e-mailed link, so this journey does not depend on the order of files.
 */
async function restoreVolunteerPassword(playwright: PlaywrightWorkerArgs['playwright']) {
  const baseURL = test.info().project.use.baseURL;
  const email = 'volunteer@genk.demo';
  const probe = await playwright.request.newContext({ baseURL });
  const login = await probe.post('/api/auth/login', {
    data: { tenant: 'genk', email, password: DEMO_PASSWORD },
  });
  const signedIn = login.ok();
  if (!signedIn) {
    const admin = await playwright.request.newContext({ baseURL });
    await admin.post('/api/auth/login', {
      data: { tenant: 'genk', email: 'admin@genk.demo', password: DEMO_PASSWORD },
    });
    const linksTo = async () => {
      const mails = (await (await admin.get('/api/admin/outbox')).json()) as {
        toAddress: string;
        body: string;
      }[];
      return mails
        .filter((m) => m.toAddress === email)
        .map((m) => /http\S+set-password\S+/.exec(m.body)?.[0])
        .filter((link): link is string => Boolean(link));
    };
    const before = new Set(await linksTo());
    const reset = await probe.post('/api/auth/password-reset', { data: { tenant: 'genk', email } });
    expect(reset.ok()).toBe(true);
    let token: string | null = null;
    await expect(async () => {
      const link = (await linksTo()).find((l) => !before.has(l));
      token = link ? new URL(link).searchParams.get('token') : null;
      expect(token).toBeTruthy();
    }).toPass({ timeout: 10_000 });
    await admin.dispose();
    const set = await probe.post('/api/auth/set-password', {
      data: { tenant: 'genk', token, password: DEMO_PASSWORD },
    });
    expect(set.ok()).toBe(true);
  }
  await probe.dispose();
}

test('a volunteer who opens a person is told the page is not for them, and sees nothing of the person', async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(90_000);
  await restoreVolunteerPassword(playwright);
  const href = await personUrlFor(browser, 'Mehmet Öztürk');
  expect(href).toMatch(/^\/persons\//);
  const errors = watchConsole(page);
  await signInAs(page, 'volunteer@genk.demo');
  // A volunteer sees a need, not a file: no person's page opens to them, whatever the address.
  await page.goto(href);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  await expect(page.getByText('Öztürk')).toHaveCount(0);
  await expectAccessible(page);
  // A refusal from the API is the expected answer here, not an error of the page.
  expect(errors.filter((line) => !/status of 40[34]/.test(line))).toEqual([]);
});

test('a contact agent and a home visitor are offered only the purposes their role may give', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'contact-agent@genk.demo');
  await openResidents(page);
  await page.getByLabel('Zoeken', { exact: true }).fill('Öztürk');
  await page.getByRole('link', { name: 'Elif Öztürk' }).click();
  await expect(page.getByRole('heading', { name: 'Waarom open je dit dossier?' })).toBeVisible();
  await expect(page.getByText('Je ziet de doelen die bij je rol passen.')).toBeVisible();
  expect(await offeredPurposes(page)).toEqual([
    'Contact met de inwoner',
    'Hulp zoeken via vrijwilligers',
    'Gegevens nakijken',
  ]);
  await expectAccessible(page);
  await choosePurpose(page, 'Contact met de inwoner');
  await expect(page.getByRole('heading', { level: 1, name: 'Elif Öztürk' })).toBeVisible();
  expect(errors).toEqual([]);

  // A home visitor, on a resident they were given: a purpose remembered in this tab that is not
  // theirs counts as not chosen, and the question offers only the visit and contact.
  const home = await (await browser.newContext()).newPage();
  const homeErrors = watchConsole(home);
  await signInAs(home, 'home-visitor@genk.demo');
  const visible = await home.request.get('/api/persons?limit=1');
  expect(visible.ok()).toBe(true);
  const [given] = (await visible.json()) as { id: string; familyName: string }[];
  expect(given).toBeDefined();
  await home.evaluate(() => sessionStorage.setItem('samen.readPurpose', 'residents_rights'));
  await home.goto(`/persons/${given!.id}`);
  await expect(home.getByRole('heading', { name: 'Waarom open je dit dossier?' })).toBeVisible();
  const offered = await offeredPurposes(home);
  expect(offered).not.toContain('Vraag van de inwoner over zijn of haar gegevens');
  expect(offered).toEqual(['Contact met de inwoner', 'Huisbezoek']);
  await expectAccessible(home);
  await choosePurpose(home, 'Huisbezoek');
  await expect(home.getByRole('heading', { level: 1, name: given!.familyName })).toBeVisible();
  await expect(home.getByText('Geopend voor: Huisbezoek')).toBeVisible();
  await expectAccessible(home);
  expect(homeErrors).toEqual([]);

  // Roles that changed while the tab was open: the page still believes the visitor is a social
  // worker too, the server refuses the resident's-request purpose, and the page asks again with the
  // roles as they are now.
  await home.route('**/api/auth/me', async (route) => {
    const real = await route.fetch();
    const me = await real.json();
    await route.fulfill({ response: real, json: { ...me, roles: [...me.roles, 'social_worker'] } });
  });
  await home.evaluate(() => sessionStorage.setItem('samen.readPurpose', 'residents_rights'));
  await home.goto(`/persons/${given!.id}`);
  await expect(home.getByText('De reden die je eerder koos, past niet meer bij je rol.')).toBeVisible();
  await expectAccessible(home);
  await home.unroute('**/api/auth/me');
  await home.getByRole('button', { name: 'Ander doel kiezen' }).click();
  await expect(home.getByRole('heading', { name: 'Waarom open je dit dossier?' })).toBeVisible();
  await expect.poll(() => offeredPurposes(home)).toEqual(['Contact met de inwoner', 'Huisbezoek']);
  await home.context().close();
});

test('on a 360 px phone, residents can be searched and a record read', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 780 });
  const errors = watchConsole(page);
  await signInAs(page, 'social-worker@genk.demo');
  await page.getByRole('button', { name: 'Menu openen' }).click();
  await openResidents(page);
  await page.getByLabel('Zoeken', { exact: true }).fill('Öztürk');
  await page.getByRole('link', { name: 'Elif Öztürk' }).click();
  await choosePurpose(page, 'Contact met de inwoner');
  await expect(page.getByRole('heading', { level: 1, name: 'Elif Öztürk' })).toBeVisible();
  await expectFitsWidth(page);
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a coordinator checks an address file, sees its errors per line, then imports a correct one with progress', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'coordinator@genk.demo');
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Adressen inladen' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Adressen inladen' })).toBeVisible();
  await expectAccessible(page);

  const header = 'straatnaam;huisnummer;busnummer;postcode;gemeentenaam;x;y';
  const file = page.locator('input[type=file]');
  await file.setInputFiles({
    name: 'adressen-fout.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${header}\nStalenstraat;201;;3600;Genk;229500;187500\nWeg naar As;9;;0999;Genk;230100;188200\nStalenstraat;201;;3600;Genk;229500;187500\n`,
    ),
  });
  const rowErrors = page.getByRole('region', { name: 'Fouten in het bestand' });
  await expect(rowErrors.getByRole('row', { name: /Postcode/ })).toContainText(
    '„0999” is geen Belgische postcode.',
  );
  await expect(
    rowErrors.getByRole('row', { name: '4 Regel Hetzelfde adres als op regel 2.', exact: true }),
  ).toBeVisible();
  await expect(rowErrors.getByRole('row', { name: /Postcode/ })).toContainText('3');
  await expect(page.getByRole('button', { name: /^Inladen/ })).toHaveCount(0);
  await expectAccessible(page);

  await file.setInputFiles({
    name: 'adressen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${header}\nStalenstraat;201;;3600;Genk;229500;187500\nWeg naar As;9;A;3600;Genk;230100;188200\n`,
    ),
  });
  await expect(page.getByRole('heading', { name: 'Wat we in het bestand vonden' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Eerste regels' })).toContainText('Weg naar As');
  await page.getByRole('button', { name: 'Inladen (2 adressen)' }).click();
  await expect(page.getByRole('progressbar', { name: 'Voortgang van het inladen' })).toBeVisible();
  await expect(
    page.getByText('Het bestand is ingeladen: 2 nieuwe adressen. Al gekend: 0.', { exact: true }),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a social worker registers a newborn into the Öztürk household from the household page', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  await signInAs(page, 'social-worker@genk.demo');
  await page.goto('/residents?q=Mehmet%20%C3%96zt%C3%BCrk');
  await page
    .getByRole('region', { name: 'Gevonden inwoners' })
    .getByRole('link', { name: 'Mehmet Öztürk' })
    .click();
  await choosePurpose(page, 'Dossieropvolging');
  await page.getByRole('link', { name: /Gezin Öztürk/ }).click();
  await page.getByRole('link', { name: 'Gezinslid registreren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Een inwoner registreren' })).toBeVisible();
  await expect(page.getByLabel('Straat')).toHaveCount(0);
  await page.getByLabel('Voornaam', { exact: true }).fill('Deniz');
  await page.getByLabel('Familienaam', { exact: true }).fill('Öztürk');
  await page.getByLabel('Geboortedatum', { exact: true }).fill('03/03/2026');
  await page.getByLabel('Relatie', { exact: true }).selectOption({ label: 'Kind' });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Inwoner registreren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gezin Öztürk' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Gezinsleden' }).getByRole('row', { name: /Deniz Öztürk/ }),
  ).toContainText('Kind');
  expect(errors).toEqual([]);
});
