import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, expectFitsWidth, fillSignIn, setServerClock, watchConsole } from './helpers.ts';

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await fillSignIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport });
  return context.newPage();
}

const fiveYearsAgo = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 5);
  d.setUTCMonth(d.getUTCMonth() - 2);
  return d.toISOString().slice(0, 10);
};

test('a teacher refers a family, the coordinator matches a Turkish-speaking coach, the coach logs a meeting on a phone, and a month later the coordinator is alerted', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const family = 'Zeynep en Ali Arslan';

  // 1. A kindergarten teacher (referrer) proposes a family, with the family's consent.
  const teacher = await newPage(browser);
  const teacherErrors = watchConsole(teacher);
  await signIn(teacher, 'referrer@genk.demo');
  await teacher.getByRole('link', { name: 'Gezin aanmelden' }).first().click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Gezin aanmelden' })).toBeVisible();
  await expectAccessible(teacher);
  await teacher.getByLabel('Jouw organisatie is een').selectOption('kindergarten');
  await teacher.getByLabel('Naam van je organisatie').fill('Kleuterschool De Zonnebloem');
  await teacher.getByLabel('Voornamen van de ouders').fill('Zeynep en Ali');
  await teacher.getByLabel('Familienaam').fill('Arslan');
  await teacher.getByLabel('Voornaam van het kind').fill('Defne');
  await teacher.getByLabel('Geboortedatum van het kind').fill(fiveYearsAgo());
  await teacher.getByLabel('Straat').fill('Vennestraat');
  await teacher.getByLabel('Huisnummer').fill('21');
  await teacher.getByLabel('Wijk').selectOption({ label: 'Winterslag' });
  await teacher.getByRole('checkbox', { name: 'Turks' }).check();
  await teacher.getByRole('checkbox', { name: 'Nederlands' }).check();
  await teacher.getByLabel('Het gezin wil graag een coach met dezelfde achtergrond').check();
  await teacher.getByLabel('De achtergrond, in de woorden van het gezin').fill('Turks-Belgisch');
  await teacher
    .getByLabel('Waarom denk je dat een coach kan helpen?')
    .fill(
      'Defne start volgend jaar in het eerste leerjaar; de ouders willen graag meer mensen leren kennen.',
    );
  // Without the family's consent the referral is refused, with the reason at the field.
  await teacher.getByRole('button', { name: 'Gezin aanmelden' }).click();
  await expect(
    teacher.getByText('Het gezin moet toestemming geven, en weten dat het vrij is om nee te zeggen.').first(),
  ).toBeVisible();
  await teacher
    .getByLabel('Het gezin gaf toestemming om deze gegevens door te geven aan het programma')
    .check();
  await teacher.getByLabel('Ik heb gezegd dat het gezin vrij is om nee te zeggen').check();
  await teacher.getByRole('button', { name: 'Gezin aanmelden' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'Mijn aanmeldingen' })).toBeVisible();
  const mine = teacher.getByRole('listitem').filter({ hasText: family });
  await expect(mine.getByText('Aangemeld', { exact: true })).toBeVisible();
  await expectAccessible(teacher);
  expect(teacherErrors).toEqual([]);

  // 2. The coordinator does the intake and runs matchmaking for the pilot cohort.
  const coordinator = await newPage(browser);
  const coordinatorErrors = watchConsole(coordinator);
  await signIn(coordinator, 'coordinator@genk.demo');
  await coordinator.getByRole('link', { name: 'Talentcoaching', exact: true }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Talentcoaching' })).toBeVisible();
  await expectAccessible(coordinator);
  // A demo family whose child is older than the programme's 4 to 6 years: the intake says so, and
  // leaves the decision to the coordinator.
  await coordinator.getByRole('link', { name: /^Aanmelding van .* Thys$/ }).click();
  await expect(coordinator.getByRole('note')).toContainText(
    /is \d+ jaar; het programma is voor kinderen van 4 tot 6 jaar/,
  );
  await expect(coordinator.getByLabel('Aanvaard')).toBeEnabled();
  await expectAccessible(coordinator);
  await coordinator.goBack();
  await coordinator.getByRole('link', { name: `Aanmelding van ${family}` }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: family })).toBeVisible();
  await expect(coordinator.getByText('Alleen voor de coördinator; de coach ziet dit niet.')).toBeVisible();
  // Defne is five: nothing to say about her age.
  await expect(coordinator.getByRole('note')).toHaveCount(0);
  await expectAccessible(coordinator);
  await coordinator.getByLabel('Aanvaard').check();
  await coordinator
    .getByLabel('Wat zeggen we het gezin?')
    .fill('Welkom! Jullie starten in de pilotgroep; we zoeken een coach die Turks spreekt.');
  await coordinator.getByRole('button', { name: 'Beslissing bewaren' }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Talentcoaching' })).toBeVisible();
  await coordinator.getByRole('link', { name: 'Coaches koppelen voor Pilot' }).click();
  // Before any proposal: who waits, who has room, and that nothing is sent before review.
  await expect(coordinator.getByText(/(wacht|wachten) op een coach\.$/)).toBeVisible();
  await expect(coordinator.getByText(/(heeft|hebben) nog plaats\.$/)).toBeVisible();
  await expect(coordinator.getByText(/Er wordt niets bewaard of verstuurd/)).toBeVisible();
  await coordinator.getByRole('button', { name: 'Voorstellen maken' }).click();
  const proposal = coordinator.getByRole('region', { name: family });
  await expect(proposal.getByText(/Voorstel: Carla Coach/)).toBeVisible();
  await expect(proposal.getByText(/spreekt Turks/).first()).toBeVisible();
  await expectAccessible(coordinator);
  await proposal.getByRole('button', { name: `Bevestig Carla Coach voor ${family}` }).click();
  await expect(coordinator.getByText(`Carla Coach is nu de coach van ${family}.`)).toBeVisible();
  await expect(coordinator.getByRole('region', { name: family })).toHaveCount(0);

  // 3. The coach logs a first meeting on a phone-sized screen.
  const coach = await newPage(browser, { width: 360, height: 740 });
  const coachErrors = watchConsole(coach);
  await signIn(coach, 'coach@genk.demo');
  await coach.goto('/coaching/me');
  await expect(coach.getByRole('heading', { level: 1, name: 'Mijn gezinnen' })).toBeVisible();
  await expectAccessible(coach);
  await coach.getByRole('link', { name: 'Open Zeynep en Ali' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: 'Zeynep en Ali' })).toBeVisible();
  // What the coach needs, and not what the teacher wrote about the family.
  await expect(coach.getByText('Vennestraat 21, 3600')).toBeVisible();
  await expect(coach.getByText(/Defne start volgend jaar/)).toHaveCount(0);
  await expectAccessible(coach);
  const started = Date.now();
  await coach.getByLabel('Soort').selectOption('home_visit');
  await coach.getByLabel('Duur').selectOption('60');
  await coach.getByRole('checkbox', { name: 'School' }).check();
  await coach.getByLabel('Privé-notitie').fill('Kennismaking; Defne toonde haar tekeningen.');
  await coach.getByRole('button', { name: 'Ontmoeting bewaren' }).click();
  await expect(coach.getByText('Ontmoeting bewaard. Dank je!')).toBeVisible();
  await expect(coach.getByRole('heading', { name: 'Ontmoetingen (1)' })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(60_000);
  const overflow = await coach.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(coach);
  expect(coachErrors).toEqual([]);

  // 4. 31 days without a meeting later (the server clock moves; nothing else does), the alert.
  await setServerClock(browser, 31);
  try {
    await coordinator.goto('/coaching/alerts');
    await expect(coordinator.getByRole('heading', { level: 1, name: 'Aandachtspunten' })).toBeVisible();
    await expect(
      coordinator.getByText(`${family}: al 31 dagen geen ontmoeting (coach: Carla Coach)`),
    ).toBeVisible();
    await expectAccessible(coordinator);
  } finally {
    await setServerClock(browser, 0);
  }
  expect(coordinatorErrors).toEqual([]);
});

test('the coordinator starts a programme, adds cohorts within its places and plans training; the coach keeps their own profile', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const programme = 'Samen naar school 2027';

  // 1. The coordinator starts a programme, its target group as criteria (the child's age).
  const coordinator = await newPage(browser);
  const coordinatorErrors = watchConsole(coordinator);
  await signIn(coordinator, 'coordinator@genk.demo');
  await coordinator.getByRole('link', { name: 'Talentcoaching', exact: true }).click();
  await coordinator.getByRole('main').getByRole('link', { name: "Programma's en groepen" }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: "Programma's en groepen" })).toBeVisible();
  await expectAccessible(coordinator);
  // The browser checks with the API's own schema: an empty form shows what is missing, beside each field.
  await coordinator.getByRole('button', { name: 'Programma starten' }).click();
  await expect(coordinator.getByText('Vul dit veld in.').first()).toBeVisible();
  await coordinator.getByLabel('Naam van het programma').fill(programme);
  await coordinator.getByLabel('Leeftijd van het kind: vanaf (jaar)').fill('5');
  await coordinator.getByLabel('Leeftijd van het kind: tot en met (jaar)').fill('6');
  await coordinator
    .getByLabel('Doelgroep in een paar woorden')
    .fill('Gezinnen met een kind dat naar het eerste leerjaar gaat.');
  await coordinator.getByLabel('Plaatsen', { exact: true }).fill('30');
  await coordinator.getByLabel('Startdatum').last().fill('2027-01-01');
  await coordinator.getByLabel('Einddatum').fill('2029-12-31');
  await coordinator.getByLabel('Veiligheidssituaties').fill('Een kind is in gevaar');
  await coordinator.getByRole('button', { name: 'Programma starten' }).click();
  await expect(coordinator.getByText(`Programma ${programme} gestart.`)).toBeVisible();
  const section = coordinator.getByRole('region', { name: programme, exact: true });
  await expect(section.getByText('0 van 30 plaatsen verdeeld over groepen')).toBeVisible();

  // 2. A cohort within the places, then one beyond them: the server's reason beside the field.
  const cohortForm = coordinator.getByRole('form', { name: `Groep toevoegen aan ${programme}` });
  await cohortForm.getByLabel('Naam van de groep').fill('Startgroep 2027');
  await cohortForm.getByLabel('Aantal gezinnen').fill('20');
  await cohortForm.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(coordinator.getByText('Groep Startgroep 2027 toegevoegd.')).toBeVisible();
  await expect(section.getByRole('rowheader', { name: 'Startgroep 2027' })).toBeVisible();
  await cohortForm.getByLabel('Naam van de groep').fill('Tweede groep 2027');
  await cohortForm.getByLabel('Aantal gezinnen').fill('15');
  await cohortForm.getByRole('button', { name: 'Groep toevoegen' }).click();
  const size = cohortForm.getByLabel('Aantal gezinnen');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(
    cohortForm.getByText('Er is in dit programma nog plaats voor 10 gezinnen.', { exact: false }),
  ).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.screenshot({ path: test.info().outputPath('programmes.png'), fullPage: true });

  // 3. A training session on a topic of the curriculum.
  await coordinator.getByRole('link', { name: 'Coaches', exact: true }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Coaches' })).toBeVisible();
  const plan = coordinator.getByRole('region', { name: 'Een vorming plannen' });
  await plan.getByLabel('Onderwerp').selectOption('boundaries');
  await plan.getByLabel('Titel').fill('Grenzen van het programma, voorjaar');
  await plan.getByLabel('Datum').fill('2027-03-15');
  await plan.getByRole('button', { name: 'Vorming plannen' }).click();
  await expect(coordinator.getByText('Vorming Grenzen van het programma, voorjaar gepland.')).toBeVisible();
  await expect(coordinator.getByText(/Grenzen van het programma, voorjaar \(/)).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.screenshot({ path: test.info().outputPath('coaches.png'), fullPage: true });
  // The refused cohort is answered 409 on purpose; the browser logs that answer as a failed resource.
  expect(coordinatorErrors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  expect(coordinatorErrors.filter((e) => /status of 409/.test(e))).toHaveLength(1);

  // 4. The coach, on a phone-sized screen, changes their interests and capacity.
  const coach = await newPage(browser, { width: 360, height: 740 });
  const coachErrors = watchConsole(coach);
  await signIn(coach, 'coach@genk.demo');
  await coach.goto('/coaching/me');
  await expect(coach.getByRole('heading', { level: 2, name: 'Mijn profiel als coach' })).toBeVisible();
  await expect(
    coach.getByText(/alleen om een gezin te vinden dat een coach met dezelfde achtergrond/),
  ).toBeVisible();
  await expectAccessible(coach);
  await expectFitsWidth(coach, 'coach profile at 360 px');
  await coach.getByLabel('Interesses').fill('voetbal, koken, schaken');
  await coach.getByLabel('Hoeveel gezinnen tegelijk?').selectOption('3');
  await coach.getByRole('button', { name: 'Profiel bewaren' }).click();
  await expect(coach.getByText('Je profiel is bewaard.')).toBeVisible();
  await coach.reload();
  await expect(coach.getByLabel('Interesses')).toHaveValue('voetbal, koken, schaken');
  await expect(coach.getByLabel('Hoeveel gezinnen tegelijk?')).toHaveValue('3');
  await expectAccessible(coach);
  await expectFitsWidth(coach, 'coach profile at 360 px, after saving');
  await coach.screenshot({ path: test.info().outputPath('coach-profile-360.png'), fullPage: true });
  expect(coachErrors).toEqual([]);
});
