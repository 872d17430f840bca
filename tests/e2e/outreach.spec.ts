import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, watchConsole } from './helpers.ts';

test.setTimeout(180_000);

async function signInAs(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Gemeente', { exact: true }).selectOption('genk');
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag/ })).toBeVisible();
}

/** Screenshots of each screen for a person to look at (test-results/ is not committed). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/outreach/${name}.png`, fullPage: true });

async function newPage(browser: Browser, phone = false) {
  const context = await browser.newContext(
    phone ? { viewport: { width: 360, height: 740 }, hasTouch: true } : {},
  );
  return { context, page: await context.newPage() };
}

test('a campaign is set up and planned, a visitor records three doors offline, and everything lands once', async ({
  browser,
}) => {
  const campaign = `Hoe gaat het in Winterslag? ${Date.now()}`;

  // The coordinator sets up a campaign for a focus neighbourhood and plans it.
  const coordinator = await newPage(browser);
  const errors = watchConsole(coordinator.page);
  let page = coordinator.page;
  await signInAs(page, 'coordinator@genk.demo');
  const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
  await nav.getByRole('link', { name: 'Huisbezoeken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Huisbezoeken' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hoe gaat het met u? Kolderbos' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Nieuwe campagne' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe campagne' })).toBeVisible();
  await page.getByLabel('Naam', { exact: false }).first().fill(campaign);
  await page
    .getByLabel('Doel')
    .fill('Vragen hoe het gaat, tips afgeven en hulp afspreken waar dat gewenst is.');
  await page.getByRole('checkbox', { name: 'Winterslag (aandachtswijk)' }).check();
  await page
    .getByLabel('Vragen', { exact: true })
    .fill('Hoe gaat het met u en uw gezin?\nKunnen we ergens mee helpen?');
  await page
    .getByLabel('Tips en folders', { exact: true })
    .fill('Folder: waar kan je terecht met vragen over geld');
  await page.getByLabel('Naam van het team').fill('Stadsteam Winterslag');
  await page.getByRole('checkbox', { name: 'Hanne Huisbezoeker' }).check();
  await page.getByRole('button', { name: 'Shift toevoegen' }).click();
  // A shift that ends before it starts is refused before anything is sent.
  await page.getByLabel('Begin').fill('17:00');
  await page.getByLabel('Einde').fill('09:00');
  await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
  await expect(page.getByText('de shift moet eindigen na het begin')).toBeVisible();
  await page.getByLabel('Begin').fill('09:00');
  await page.getByLabel('Einde').fill('17:00');
  await expectAccessible(page);
  await shot(page, '1-set-up');
  await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: campaign })).toBeVisible();
  await page.getByRole('button', { name: 'Rondes plannen' }).click();
  await expect(page.getByText('Rondes gepland')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /Hanne Huisbezoeker/ })).toBeVisible();
  await expectAccessible(page);
  await shot(page, '2-planning');
  const campaignUrl = page.url();

  // The visitor opens the day's round on a phone, goes offline and records three doors.
  const visitor = await newPage(browser, true);
  const visitorErrors = watchConsole(visitor.page);
  page = visitor.page;
  await signInAs(page, 'home-visitor@genk.demo');
  await page.goto('/outreach/day');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
  const doors = page.getByRole('list', { name: 'Deuren in looprichting' }).getByRole('button');
  await expect(doors.first()).toBeVisible();
  await expect(page.getByText(campaign)).toBeVisible();
  await expectAccessible(page);
  await shot(page, '3-visitor-day');
  const names: string[] = [];
  for (let i = 0; i < 3; i++) names.push((await doors.nth(i).locator('strong').textContent()) ?? '');

  // How many requests for help the second family has before the visit.
  await coordinator.page.goto('/help/needs');
  await expect(coordinator.page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  await expect(coordinator.page.getByRole('table')).toBeVisible();
  const needsBefore = await coordinator.page.getByRole('row', { name: new RegExp(names[1]!) }).count();

  await visitor.context.setOffline(true);
  await expect(page.getByText('Geen verbinding: gegevens blijven op deze telefoon')).toBeVisible();

  await doors.nth(0).click();
  await expect(page.getByRole('heading', { level: 2, name: names[0] })).toBeVisible();
  await page.getByRole('radio', { name: 'Niemand thuis' }).check();
  await page.getByLabel('Wanneer opnieuw proberen').fill('na 17 uur, zegt de buurvrouw');
  await page.getByRole('button', { name: 'Bewaren op deze telefoon' }).click();
  await expect(page.getByText('Wacht op verzending: 1')).toBeVisible();

  await doors.nth(1).click();
  await expect(page.getByRole('heading', { level: 2, name: names[1] })).toBeVisible();
  await page.getByRole('radio', { name: 'We hebben gepraat' }).check();
  await page.getByRole('checkbox', { name: 'Geld', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Folder: waar kan je terecht met vragen over geld' }).check();
  await page.getByRole('checkbox', { name: 'Hulp van een vrijwilliger (Genk Helpt)' }).check();
  await page.getByLabel('Soort hulp').selectOption({ label: 'Papierwerk' });
  await page.getByLabel('Wat precies').fill('Hulp bij het lezen van de energiefacturen');
  await page.getByRole('checkbox', { name: 'De bewoner gaat akkoord' }).check();
  await expectAccessible(page);
  await shot(page, '4-doorstep');
  await page.getByRole('button', { name: 'Bewaren op deze telefoon' }).click();
  await expect(page.getByText('Wacht op verzending: 2')).toBeVisible();

  await doors.nth(2).click();
  await expect(page.getByRole('heading', { level: 2, name: names[2] })).toBeVisible();
  await page.getByRole('radio', { name: 'We hebben gepraat' }).check();
  await page.getByRole('checkbox', { name: 'Veiligheid thuis' }).check();
  await expect(page.getByText('Een maatschappelijk werker wordt meteen verwittigd')).toBeVisible();
  await page.getByLabel('Korte notitie').fill('Spanningen thuis; de bewoner vraagt dat iemand belt.');
  await page.getByRole('button', { name: 'Bewaren op deze telefoon' }).click();
  await expect(page.getByText('Wacht op verzending: 3')).toBeVisible();
  await expect(doors.nth(2)).toContainText('op deze telefoon ingevuld');
  await expectAccessible(page);
  await shot(page, '5-offline-outbox');

  // Back online: the outbox is sent once.
  const syncs: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/outreach/sync')) syncs.push(response.status());
  });
  await visitor.context.setOffline(false);
  await expect(page.getByText('Alles is verstuurd.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Verstuurd: 3.')).toBeVisible();
  await page.getByRole('button', { name: 'Opnieuw ophalen' }).click();
  await expect(doors.nth(0)).toContainText('niemand thuis');
  expect(syncs).toEqual([200]);

  // The coordinator sees the progress and the follow-up as a request for help.
  page = coordinator.page;
  await page.goto(campaignUrl);
  const progress = page.getByRole('row', { name: /Winterslag/ });
  await expect(progress).toContainText('Geld 1');
  await expect(progress.getByRole('cell').nth(2)).toHaveText('3');
  await expectAccessible(page);
  await shot(page, '6-progress');
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Hulpvragen' })
    .click();
  await expect(page.getByRole('row', { name: new RegExp(names[1]!) })).toHaveCount(needsBefore + 1);

  // The concern reaches a social worker, and the household timeline shows the visit.
  const social = await newPage(browser);
  const socialErrors = watchConsole(social.page);
  page = social.page;
  await signInAs(page, 'social-worker@genk.demo');
  await page
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('link', { name: 'Zorgen uit huisbezoeken' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zorgen uit huisbezoeken' })).toBeVisible();
  const concern = page.getByRole('link', { name: names[2] });
  await expect(concern).toBeVisible();
  await expectAccessible(page);
  await shot(page, '7-concerns');
  await concern.click();
  await page.getByLabel('Doel').selectOption({ label: 'Dossieropvolging' });
  await page.getByRole('button', { name: 'Dossier openen' }).click();
  await expect(page.getByText(/Home visit \(Hoe gaat het in Winterslag/).first()).toBeVisible();
  await expect(page.getByText(/Concern about safety at home/)).toBeVisible();

  expect(errors).toEqual([]);
  expect(visitorErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  expect(socialErrors).toEqual([]);
  await coordinator.context.close();
  await visitor.context.close();
  await social.context.close();
});
