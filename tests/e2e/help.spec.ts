import { type APIRequestContext, expect, test } from '@playwright/test';
import { demoId } from '../../src/server/db/seed/demo-city.ts';
import {
  DEMO_PASSWORD,
  daysUntil,
  expectAccessible,
  fillSignIn,
  nextWeekday,
  serverClock,
  watchConsole,
} from './helpers.ts';

async function confirmationLink(admin: APIRequestContext, to: string): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    const mails = (await (await admin.get('/api/admin/outbox')).json()) as {
      toAddress: string;
      body: string;
    }[];
    link = /http\S+help\/confirm\S+/.exec(mails.find((m) => m.toAddress === to)?.body ?? '')?.[0];
    expect(link).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return link!;
}

test('a volunteer signs up, gets a request for a family, helps and reports back; the family timeline shows it', async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const email = `lotte.${Date.now()}@example.org`;

  // 1. The public page in plain language: no account needed.
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Wil je helpen als vrijwilliger?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Help als vrijwilliger' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('Je naam').fill('Lotte Peeters');
  await page.getByLabel('E-mailadres').fill('lotte-at-example.org');
  await page.getByRole('button', { name: 'Stuur mij de link' }).click();
  await expect(
    page.getByText('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.'),
  ).toBeVisible();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij de link' }).click();
  await expect(page.getByText(`We stuurden een link naar ${email}`)).toBeVisible();
  await expectAccessible(page);

  // 2. The link arrives through the outbox (demo mode keeps e-mails for administrators).
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect(
    (
      await admin.post('/api/auth/login', {
        data: { tenant: 'genk', email: 'admin@genk.demo', password: DEMO_PASSWORD },
      })
    ).ok(),
  ).toBe(true);
  const link = new URL(await confirmationLink(admin, email));
  await admin.dispose();
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kies een wachtwoord' })).toBeVisible();
  await expect(page.getByText('Welkom bij Genk Helpt!')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('ik help graag mee');
  await page.getByLabel('Herhaal het wachtwoord', { exact: true }).fill('ik help graag mee');
  await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
  await page.getByRole('link', { name: 'Naar aanmelden' }).click();
  await fillSignIn(page, email, { password: 'ik help graag mee' });
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn hulp' })).toBeVisible();
  await expectAccessible(page);

  // 3. The profile: what, where, when; impossible time slots are refused beside the field.
  await page.getByRole('link', { name: 'Vertel wat je aanbiedt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wat ik aanbied' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Boodschappen' }).check();
  await page.getByLabel('Waar woon je?').selectOption({ label: 'Winterslag' });
  await page.getByLabel('Hoe ver wil je gaan?').fill('0');
  await page.getByRole('checkbox', { name: 'Fiets' }).check();
  await page.getByRole('button', { name: 'Tijdslot toevoegen' }).click();
  await page.getByRole('button', { name: 'Tijdslot toevoegen' }).click();
  const slots = page.locator('fieldset', { hasText: 'Wanneer ben je meestal vrij?' });
  await slots.getByLabel('Dag').nth(0).selectOption({ label: 'dinsdag' });
  await slots.getByLabel('Van').nth(0).fill('09:00');
  await slots.getByLabel('Tot').nth(0).fill('12:00');
  await slots.getByLabel('Dag').nth(1).selectOption({ label: 'dinsdag' });
  await slots.getByLabel('Van').nth(1).fill('11:00');
  await slots.getByLabel('Tot').nth(1).fill('13:00');
  await page.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByText('Kies een afstand tussen 0,5 en 50 km.')).toBeVisible();
  await expect(page.getByText('Dit tijdslot overlapt met een ander op dezelfde dag.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Hoe ver wil je gaan?').fill('5');
  await page.getByRole('button', { name: 'Tijdslot 2 verwijderen' }).click();
  await page.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByText(/kort kennismakingsgesprek/)).toBeVisible();

  // 4. Staff: the intake talk and the agreement, then a request for the Öztürk family.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const staffErrors = watchConsole(staff);
  await staff.goto('/sign-in?next=%2Fhelp%2Fvolunteers');
  await fillSignIn(staff, 'coordinator@genk.demo');
  await expect(staff.getByRole('heading', { level: 1, name: 'Vrijwilligers' })).toBeVisible();
  await staff.getByRole('button', { name: 'Vandaag gedaan: kennismakingsgesprek met Lotte Peeters' }).click();
  await expect(
    staff.getByRole('button', { name: 'Vandaag gedaan: kennismakingsgesprek met Lotte Peeters' }),
  ).toHaveCount(0);
  await staff
    .getByRole('button', { name: 'Vandaag gedaan: overeenkomst van Lotte Peeters getekend' })
    .click();
  await expect(
    staff.getByRole('button', { name: 'Vandaag gedaan: overeenkomst van Lotte Peeters getekend' }),
  ).toHaveCount(0);
  await expectAccessible(staff);

  const household = demoId('genk:ozturk', 'household');
  await staff.goto(`/help/needs/new?householdId=${household}`);
  await expect(
    staff.getByRole('heading', { level: 1, name: 'Hulpvraag voor het gezin Öztürk' }),
  ).toBeVisible();
  await staff.getByLabel('Soort hulp').selectOption({ label: 'Boodschappen' });
  await staff.getByLabel('Wat is er nodig').fill('Boodschappen bij de supermarkt; het lijstje ligt klaar.');
  await staff.getByLabel('Datum').fill('2020-01-07');
  await staff.getByRole('button', { name: 'Hulpvraag bewaren' }).click();
  await expect(staff.getByText('Deze datum is al voorbij. Kies vandaag of later.')).toBeVisible();
  await staff.getByLabel('Datum').fill(nextWeekday(1));
  await staff.getByRole('checkbox', { name: /Het gezin gaat akkoord/ }).check();
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Hulpvraag bewaren' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Hulpvraag: Boodschappen' })).toBeVisible();
  await expect(staff.getByRole('heading', { name: 'Geschikte vrijwilligers' })).toBeVisible();
  await staff.getByRole('checkbox', { name: /Lotte Peeters/ }).check();
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Voorstel versturen (1)' }).click();
  await expect(staff.getByText('Het voorstel ging naar 1 vrijwilliger.', { exact: true })).toBeVisible();
  await expect(staff.getByText('Wacht op antwoord')).toBeVisible();

  // 5. The volunteer sees type, neighbourhood and moment only, says yes, then sees the address.
  await page.goto('/help/me');
  const proposal = page.getByRole('article').filter({ hasText: 'Boodschappen' });
  await expect(proposal.getByText('Winterslag')).toBeVisible();
  await expect(page.getByText('Stalenstraat')).toHaveCount(0);
  await expectAccessible(page);
  await proposal.getByRole('button', { name: 'Ja, ik help' }).click();
  await expect(page.getByText('Stalenstraat 14, 3600 Genk')).toBeVisible();
  await expect(page.getByText('Mehmet Öztürk')).toBeVisible();
  await expectAccessible(page);
  // Help for one moment is given on its day: time is not logged before it, nor on a day to come.
  await page.getByLabel('Tijd die dag (uren)').fill('1');
  await page.getByRole('button', { name: 'Noteren' }).click();
  await expect(page.getByText(/^De hulp begint pas op .+: kies die dag of later\.$/)).toBeVisible();
  await page.getByLabel('Dag', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Noteren' }).click();
  await expect(page.getByText('Kies een dag, ten laatste vandaag.')).toBeVisible();
  // Untouched, the form reports nothing: the time and how it went are asked beside the fields.
  await page.getByRole('button', { name: 'Markeer als klaar' }).click();
  await expect(page.getByText('Vul in hoeveel tijd je eraan gaf, bijvoorbeeld 1,5.')).toBeVisible();
  await expect(page.getByText('Kies hoe het ging.')).toBeVisible();
  // Before the help's day, more than one day's 12 hours is asked again beside the field.
  await page.getByLabel('Nog niet genoteerde tijd (uren)').fill('13');
  await page.getByLabel('Hoe ging het?').selectOption('5');
  await page.getByRole('button', { name: 'Markeer als klaar' }).click();
  await expect(page.getByText('Hoogstens 12 uur per dag sinds de hulp begon.')).toBeVisible();
  // Help for one moment is reported done from its day on: before it, the server says so.
  await page.getByLabel('Nog niet genoteerde tijd (uren)').fill('1.5');
  await page.getByLabel(/Wil je nog iets kwijt/).fill('Fijne kennismaking, volgende week opnieuw?');
  await page.getByRole('button', { name: 'Markeer als klaar' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Deze hulp staat gepland op/ })).toBeVisible();
  const clock = await serverClock(browser);
  try {
    // The day of the help, for the server and for the volunteer's phone.
    await clock.set(daysUntil(nextWeekday(1)));
    await page.clock.setFixedTime(new Date(`${nextWeekday(1)}T11:00:00+01:00`));
    await page.reload();
    const match = page.getByRole('article').filter({ hasText: 'Stalenstraat 14' });
    await match.getByLabel('Tijd die dag (uren)').fill('1');
    await match.getByRole('button', { name: 'Noteren' }).click();
    await expect(page.getByText('Je tijd is genoteerd. Dank je wel!')).toBeVisible();
    await expect(page.getByText('Al genoteerd voor deze hulp: 1 u')).toBeVisible();
    await expect(page.getByText('Komt bovenop de 1 u die je al noteerde voor deze hulp.')).toBeVisible();
    await match.getByLabel('Nog niet genoteerde tijd (uren)').fill('1.5');
    await match.getByLabel('Hoe ging het?').selectOption('5');
    await match.getByRole('button', { name: 'Markeer als klaar' }).click();
    await expect(page.getByText('Bedankt voor je hulp!')).toBeVisible();
  } finally {
    await clock.set(0);
    await clock.close();
  }
  await expect(page.getByText('In totaal 2,5 uur hulp')).toBeVisible();
  await expect(page.getByText('Stalenstraat')).toHaveCount(0);

  // 6. The family's timeline shows the help, for staff.
  await staff.goto(`/households/${household}`);
  await staff.getByLabel('Doel').selectOption('help_matching');
  await staff.getByRole('button', { name: 'Dossier openen' }).click();
  await expect(staff.getByText('Genk Helpt (Boodschappen): een vrijwilliger zei ja')).toBeVisible();
  await expect(staff.getByText('Genk Helpt (Boodschappen): hulp gegeven')).toBeVisible();
  await expectAccessible(staff);

  // 7. The board shows the rest, and the all-at-once matching waits for review.
  await staff.goto('/help/board');
  await expect(staff.getByRole('heading', { level: 1, name: 'Matchingbord' })).toBeVisible();
  // The demo's one request waiting for Vera's answer.
  await expect(staff.getByText('1 voorstel wacht op antwoord', { exact: true })).toBeVisible();
  await staff.getByRole('button', { name: 'Alle open vragen matchen' }).click();
  await expect(staff.getByRole('heading', { name: /Voorstellen om na te kijken/ })).toBeVisible();
  await expectAccessible(staff);

  // The refusal before the day is an answer the page shows, not an error.
  expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  expect(staffErrors).toEqual([]);
  await staffContext.close();
});

test('a resident asks for help on a public page; staff adjust the request and link it to her household', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const asker = `Maria ${Date.now() % 100_000}`;
  // No municipality is chosen for her: sent like that, the page asks for one beside the field.
  await page.goto('/help/ask');
  await expect(page.getByRole('heading', { level: 1, name: 'Hulp vragen' })).toBeVisible();
  await expect(page.getByLabel('Gemeente', { exact: true })).toHaveValue('');
  await page.getByRole('button', { name: 'Stuur mijn vraag' }).click();
  await expect(page.getByText('Kies je gemeente.')).toBeVisible();
  // The focus goes to the first field to mend, not left on the button.
  await expect(page.getByLabel('Gemeente', { exact: true })).toBeFocused();
  // A link from the municipality names it (?tenant=genk), as the family's feedback link does.
  await page.goto('/help/ask?tenant=genk');
  await expect(page.getByLabel('Gemeente', { exact: true })).toHaveValue('genk');
  await expectAccessible(page);
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('Naam', { exact: true }).fill(asker);
  await page.getByLabel('Telefoonnummer', { exact: true }).fill('089 12 34 56');
  // The page's language unless she chooses the one she speaks best.
  await expect(page.getByLabel('Welke taal spreek je het liefst?')).toHaveValue('nl');
  await page.getByLabel('Welke taal spreek je het liefst?').selectOption('tr');
  await page.getByLabel('Wijk').selectOption({ label: 'Zwartberg' });
  await page.getByLabel('Soort hulp').selectOption({ label: 'Vervoer' });
  await page.getByLabel('Waarbij wil je hulp?').fill('Een rit naar het ziekenhuis voor een controle.');
  await page.getByLabel('Datum').fill(nextWeekday(2));
  await page.getByRole('button', { name: 'Stuur mijn vraag' }).click();
  await expect(page.getByText('Vink dit aan, zodat de vrijwilliger je kan bereiken.')).toBeVisible();
  await page.getByRole('checkbox', { name: /Ik ga akkoord/ }).check();
  await page.getByRole('button', { name: 'Stuur mijn vraag' }).click();
  await expect(page.getByText('We hebben je vraag goed ontvangen')).toBeVisible();

  // A social worker finds the request, makes it clearer, and links it to the family's file.
  const staff = await (await browser.newContext()).newPage();
  const errors = watchConsole(staff);
  await staff.goto('/sign-in');
  await fillSignIn(staff, 'social-worker@genk.demo');
  await expect(staff.getByRole('heading', { level: 1, name: /Goedendag/ })).toBeVisible();
  // An address to a page past the last (the list shrank since it was shared) says so and offers the first.
  await staff.goto('/help/needs?page=99');
  await expect(staff.getByText(/^Deze pagina is leeg: er zijn \d+ hulpvragen/)).toBeVisible();
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Pagina 1' }).click();
  await expect(staff).toHaveURL(/\/help\/needs$/);
  await expect(staff.getByText(/^1–\d+ van \d+ hulpvragen$/)).toBeVisible();
  await staff.getByRole('row').filter({ hasText: asker }).getByRole('link').first().click();
  await expect(staff.getByRole('heading', { name: 'Koppelen aan een gezin' })).toBeVisible();
  // The form promised her a call back: her number is at the top, with the language she speaks.
  await expect(staff.getByRole('link', { name: 'bel terug op 089 12 34 56' })).toHaveAttribute(
    'href',
    'tel:089123456',
  );
  await expect(staff.getByText('Turks')).toBeVisible();
  // She called back, as the form promised: written down once, with who and when.
  await staff.getByRole('button', { name: 'Ik heb teruggebeld' }).click();
  await expect(staff.getByText(/^Teruggebeld op .* door Sofie/)).toBeFocused();
  await expect(staff.getByRole('button', { name: 'Ik heb teruggebeld' })).toHaveCount(0);
  await staff.getByRole('link', { name: 'Aanpassen' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Hulpvraag aanpassen' })).toBeVisible();
  await expect(staff.getByLabel('Naam', { exact: true })).toHaveValue(asker);
  await expectAccessible(staff);
  await staff
    .getByLabel('Wat is er nodig')
    .fill('Een rit naar het ziekenhuis (ZOL) voor een controle, heen en terug.');
  await staff.getByRole('radio', { name: 'Dringend' }).check();
  await staff.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(
    staff.getByText('Een rit naar het ziekenhuis (ZOL) voor een controle, heen en terug.'),
  ).toBeVisible();

  const link = staff.getByRole('region', { name: 'Koppelen aan een gezin' });
  await link.getByLabel('Naam, adres of telefoon').fill('Öztürk');
  await link.getByRole('button', { name: 'Zoeken' }).click();
  await link.getByRole('button', { name: 'Koppelen aan het gezin van Elif Öztürk' }).click();
  await expect(staff.getByRole('link', { name: /Voor het gezin/ })).toBeVisible();
  await expect(staff.getByRole('heading', { name: 'Koppelen aan een gezin' })).toHaveCount(0);
  await expectAccessible(staff);
  expect(errors).toEqual([]);
});

test('the coordinator reads the figures without anyone in them, keeps the catalogue of help and looks through the requests', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto('/sign-in?next=%2Fhelp%2Ffigures');
  await fillSignIn(page, 'coordinator@genk.demo');

  // The figures: a row per kind of help and neighbourhood. The demo's year of errands in
  // Winterslag (8 requests, all taken; see seedHistory, and the integration test for the exact
  // figures; the journey above may add its own) shows counts and a median, but not how many were
  // taken within 48 hours when the rest would be under 5; a neighbourhood with a single request
  // shows none.
  await expect(page.getByRole('heading', { level: 1, name: 'Genk Helpt in cijfers' })).toBeVisible();
  const errands = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Boodschappen' }) });
  const winterslag = errands.filter({ has: page.getByRole('cell', { name: 'Winterslag', exact: true }) });
  const atLeast5 = /^([5-9]|\d{2,})$/;
  const withheld = /^—niet getoond$/;
  await expect(winterslag.getByRole('cell')).toHaveText([
    'Winterslag',
    atLeast5,
    atLeast5,
    /^(\d+%|—niet getoond)$/,
    /^\d+(,\d)? u$/,
    withheld,
    /^\d+(,\d)?$/,
  ]);
  const boxbergheide = errands.filter({ has: page.getByRole('cell', { name: 'Boxbergheide', exact: true }) });
  await expect(boxbergheide.getByRole('cell', { name: 'niet getoond' })).toHaveCount(4);
  await expect(boxbergheide.getByRole('cell', { name: 'te weinig vragen' })).toHaveCount(2);
  await expect(page.getByRole('cell', { name: /^[1-4]$/ })).toHaveCount(0);
  await expectAccessible(page);

  // The volunteers, each with their screening and the help they gave (the demo's past year).
  await page.getByRole('link', { name: 'Vrijwilligers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vrijwilligers' })).toBeVisible();
  const giulia = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^Giulia Russo/ }) });
  await expect(giulia).toContainText(/[\d,]+ u gegeven · \d+ hulpvragen afgerond/);
  await expect(giulia).toContainText(/Kennismakingsgesprek\d{1,2} \p{L}+ \d{4}/u);
  await expectAccessible(page);

  // The catalogue of help: add a kind of help, then stop offering it again.
  await page.getByRole('link', { name: 'Soorten hulp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Soorten hulp' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /^Boodschappen/ })).toBeVisible();
  await expectAccessible(page);
  const code = `tuinhulp_${Date.now() % 100_000}`;
  await page.getByLabel('Korte code').fill(code);
  await page.getByLabel('Naam in het Nederlands').fill('Tuinhulp');
  await page.getByLabel('Naam in het Engels').fill('Garden help');
  await page.getByLabel('Naam in het Frans').fill('Aide au jardin');
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await expect(page.getByText('De soort hulp is toegevoegd.')).toBeVisible();
  const offered = page.getByRole('switch', { name: 'Aangeboden: Tuinhulp' });
  await expect(offered).toBeChecked();
  await offered.click({ force: true });
  await expect(offered).not.toBeChecked();
  await expectAccessible(page);

  // The requests, newest first; narrowed to one status, which the address keeps.
  await page.getByRole('link', { name: 'Hulpvragen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Boodschappen' }).first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Klaar' }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Status').selectOption({ label: 'Afgesloten' });
  await expect(page).toHaveURL(/status=cancelled/);
  const closed = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(closed.first()).toContainText('Afgesloten');
  await expect(closed.filter({ hasNotText: 'Afgesloten' })).toHaveCount(0);
  await page.getByLabel('Status').selectOption({ label: 'Alle hulpvragen' });
  await expect(page.getByRole('row').filter({ hasText: 'Nieuw' }).first()).toBeVisible();
  // Found by part of a name, without its accents; a name nobody has says so.
  await page.getByLabel('Zoek op naam').fill('ozturk');
  await expect(page).toHaveURL(/q=ozturk/);
  const found = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(found.first()).toContainText('Öztürk');
  await expect(found.filter({ hasNotText: 'Öztürk' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Zoek op naam').fill('qqxq');
  await expect(page.getByText('Geen hulpvragen gevonden voor "qqxq".')).toBeVisible();
  await page.getByLabel('Zoek op naam').fill('');
  await expect(page.getByRole('row').filter({ hasText: 'Nieuw' }).first()).toBeVisible();

  // A new request without a family: the form points to the family's page for one already in Samen.
  await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
  await page.getByRole('link', { name: 'Zoek het gezin bij Inwoners' }).click();
  await expect(page).toHaveURL(/\/residents$/);
  expect(errors).toEqual([]);
});

test('a volunteer reads why she was asked, says no this time, and the request shows her answer', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  // The demo's request waiting for Vera's answer (see the demo seed).
  const needId = demoId('genk', 'need', 5);
  await page.goto('/sign-in?next=%2Fhelp%2Fme');
  await fillSignIn(page, 'volunteer@genk.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn hulp' })).toBeVisible();
  const proposals = page
    .getByRole('article')
    .filter({ has: page.getByRole('button', { name: 'Deze keer niet' }) });
  await expect(proposals).toHaveCount(1);
  // Why she was asked, in words, before she answers; nothing of the family yet.
  await expect(proposals.getByText('vrij op donderdagochtend, heeft nu geen andere hulpvraag')).toBeVisible();
  await expectAccessible(page);
  // Saying no is asked twice: it cannot be taken back. Going back leaves the proposal as it was.
  await proposals.getByRole('button', { name: 'Deze keer niet' }).click();
  await expect(proposals.getByText(/^Zeg je deze keer nee\?/)).toBeVisible();
  // The focus goes to the optional question why, just before the button that says no.
  await expect(proposals.getByLabel('Waarom niet? (mag je leeg laten)')).toBeFocused();
  await expectAccessible(page);
  await proposals.getByRole('button', { name: 'Terug' }).click();
  await expect(proposals.getByRole('button', { name: 'Ja, deze keer niet' })).toHaveCount(0);
  await expect(proposals.getByRole('button', { name: 'Ja, ik help' })).toBeVisible();
  await expect(proposals.getByRole('button', { name: 'Deze keer niet' })).toBeFocused();
  await proposals.getByRole('button', { name: 'Deze keer niet' }).click();
  await proposals.getByLabel('Waarom niet? (mag je leeg laten)').selectOption({ label: 'Te ver' });
  await proposals.getByRole('button', { name: 'Ja, deze keer niet' }).click();
  await expect(page.getByText('Geen probleem. We vragen iemand anders.')).toBeVisible();
  await expect(proposals).toHaveCount(0);
  await expectAccessible(page);

  // Staff see her answer on the request.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const staffErrors = watchConsole(staff);
  await staff.goto(`/sign-in?next=${encodeURIComponent(`/help/needs/${needId}`)}`);
  await fillSignIn(staff, 'coordinator@genk.demo');
  await expect(
    staff.getByRole('row').filter({ hasText: 'Vera Vrijwilliger' }).getByText('Afgeslagen: te ver'),
  ).toBeVisible();
  await expectAccessible(staff);
  expect(errors).toEqual([]);
  expect(staffErrors).toEqual([]);
  await staffContext.close();
});
