import { type Browser, expect, type Page, test } from '@playwright/test';
import { brusselsDay } from '../../src/shared/brussels.ts';
import { apiAs, expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

test.setTimeout(180_000);

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
  // Sent empty: each problem is told beside its field.
  await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
  await expect(page.getByText('Geef de campagne een naam.')).toBeVisible();
  await expect(page.getByText('Schrijf kort waarvoor de campagne dient.')).toBeVisible();
  await expect(page.getByText('Kies minstens één wijk of straat.')).toBeVisible();
  await expect(page.getByLabel('Naam', { exact: false }).first()).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Naam', { exact: false }).first().fill(campaign);
  await page
    .getByLabel('Doel')
    .fill('Vragen hoe het gaat, tips afgeven en hulp afspreken waar dat gewenst is.');
  await page.getByRole('checkbox', { name: 'Winterslag (focuswijk)' }).check();
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
  await page.getByLabel('Begin', { exact: true }).fill('17:00');
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
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn rondes' })).toBeVisible();
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
  await expect(page.getByText(/Huisbezoek \(Hoe gaat het in Winterslag/).first()).toBeVisible();
  await expect(page.getByText(/Zorg over veiligheid thuis/)).toBeVisible();

  expect(errors).toEqual([]);
  expect(visitorErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  expect(socialErrors).toEqual([]);
  await coordinator.context.close();
  await visitor.context.close();
  await social.context.close();
});

/** The API as the person signed in on this page (same cookies), with the CSRF header for changes. */
async function apiOf(page: Page) {
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  // biome-ignore lint/suspicious/noExplicitAny: answers of the API as the test reads them
  const check = async (response: Awaited<ReturnType<Page['request']['get']>>): Promise<any> => {
    expect(response.ok(), await response.text()).toBe(true);
    return response.json();
  };
  return {
    get: async (url: string) => check(await page.request.get(url)),
    post: async (url: string, data: unknown) => check(await page.request.post(url, { data, headers })),
    patch: async (url: string, data: unknown) => check(await page.request.patch(url, { data, headers })),
  };
}

test('a coordinator settles a door two visitors recorded, changes the shifts and the campaign, on a 360 px screen', async ({
  browser,
}) => {
  const name = `Na de storm ${Date.now()}`;
  const coordinator = await newPage(browser, true);
  const errors = watchConsole(coordinator.page);
  const page = coordinator.page;
  await signInAs(page, 'coordinator@genk.demo');
  const city = await apiOf(page);
  const options = await city.get('/api/outreach/options');
  const idOf = (who: string) => options.visitors.find((v: { name: string }) => v.name === who).id as string;
  const hanne = idOf('Hanne Huisbezoeker');
  const pieter = idOf('Pieter Partner');
  const { id } = await city.post('/api/outreach/campaigns', {
    name,
    purpose: 'Vragen hoe het gaat na de storm.',
    startsOn: brusselsDay(0),
    endsOn: brusselsDay(5),
    streets: ['Stalenstraat'],
    teams: [{ name: 'Duo Stalenstraat', organisation: 'city', memberUserIds: [hanne, pieter] }],
    // A visitor walks one round at a time, in any campaign: Hanne's round of the first journey
    // (today, 9:00-17:00) is left free.
    shifts: [
      { visitorUserId: hanne, day: brusselsDay(0), start: 17 * 60, end: 24 * 60 },
      { visitorUserId: pieter, day: brusselsDay(0), start: 0, end: 24 * 60 },
    ],
    windowStart: 0,
    windowEnd: 24 * 60,
  });
  await city.post(`/api/outreach/campaigns/${id}/plan`, {});

  // Both visitors download their rounds; the coordinator then moves the door to the other one.
  const visitors = { [hanne]: 'home-visitor@genk.demo', [pieter]: 'partner@genk.demo' };
  const names = { [hanne]: 'Hanne Huisbezoeker', [pieter]: 'Pieter Partner' };
  const detail = await city.get(`/api/outreach/campaigns/${id}`);
  const door = detail.doors.find((d: { shiftId: string | null }) => d.shiftId);
  const shiftOf = (who: string) =>
    detail.shifts.find((s: { visitorUserId: string }) => s.visitorUserId === who);
  const owner = detail.shifts.find((s: { id: string }) => s.id === door.shiftId).visitorUserId as string;
  const other = owner === hanne ? pieter : hanne;
  const phones: Record<string, Awaited<ReturnType<typeof apiOf>>> = {};
  const contexts = [];
  for (const who of [owner, other]) {
    const phone = await newPage(browser, true);
    contexts.push(phone.context);
    await signInAs(phone.page, visitors[who]!);
    phones[who] = await apiOf(phone.page);
    await phones[who]!.get('/api/outreach/my-rounds');
  }
  await city.patch(`/api/outreach/doors/${door.id}`, { pinnedShiftId: shiftOf(other).id });
  const record = (outcome: string, extra: Record<string, unknown> = {}) => ({
    records: [
      {
        clientId: crypto.randomUUID(),
        doorId: door.id,
        baseVersion: 0,
        outcome,
        recordedAt: new Date().toISOString(),
        ...extra,
      },
    ],
  });
  await phones[other]!.post('/api/outreach/sync', record('talked', { needs: ['loneliness'] }));
  const late = await phones[owner]!.post(
    '/api/outreach/sync',
    record('not_home', { retryHint: 'na 17 uur', retryFrom: 17 * 60 }),
  );
  expect(late.results[0].status).toBe('conflict');

  // The coordinator sees the door waiting, both records side by side, and keeps one.
  await page.goto(`/outreach/campaigns/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('link', { name: 'Nakijken: 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deuren met twee verslagen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Verslag 1: ${names[other]}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Verslag 2: ${names[owner]}` })).toBeVisible();
  await expect(page.getByText('na 17 uur')).toBeVisible();
  await expectAccessible(page);
  await expectFitsWidth(page, 'reviews');
  await shot(page, '8-reviews');
  await page.getByRole('button', { name: `Dit verslag houden (${names[owner]})` }).click();
  await expect(page.getByText(/Beslist voor .*auditlogboek/)).toBeVisible();
  await expect(page.getByText('Er zijn geen deuren om na te kijken.')).toBeVisible();

  // Shifts: one that ends before it starts is refused and nothing is sent; then one in three days
  // (the demo's Kolderbos rounds take Pieter tomorrow and the day after).
  await page.getByRole('link', { name: `Terug naar ${name}` }).click();
  await page.getByRole('link', { name: 'Shiften', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shiften' })).toBeVisible();
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && request.url().includes('/api/outreach/')) posted.push(request.url());
  });
  await page.getByRole('button', { name: 'Shift toevoegen' }).click();
  await page.getByLabel('Bezoeker', { exact: true }).selectOption({ label: names[owner]! });
  await page.getByLabel('Dag', { exact: true }).fill(brusselsDay(3));
  await page.getByLabel('Begin', { exact: true }).fill('17:00');
  await page.getByLabel('Einde', { exact: true }).fill('09:00');
  await page.getByRole('button', { name: 'Shift bewaren' }).click();
  await expect(page.getByText('Einde: de shift moet eindigen na het begin.')).toBeVisible();
  expect(posted).toEqual([]);
  await expectAccessible(page);
  await expectFitsWidth(page, 'shifts with a refused shift');
  await shot(page, '9-shifts-refused');
  await page.getByLabel('Begin', { exact: true }).fill('09:00');
  await page.getByLabel('Einde', { exact: true }).fill('20:00');
  await page.getByRole('button', { name: 'Shift bewaren' }).click();
  await expect(page.getByText('De shift is toegevoegd.')).toBeVisible();
  const cards = page.getByRole('region', { name: new RegExp(`^${names[other]}`) });
  await expect(cards).toHaveCount(1);
  await cards.getByRole('button', { name: 'Wijzigen' }).click();
  await page.getByLabel('Einde', { exact: true }).fill('18:00');
  await page.getByRole('button', { name: 'Shift bewaren' }).click();
  await expect(page.getByText('De shift is gewijzigd.')).toBeVisible();
  await expect(cards).toContainText('18:00');
  // The other visitor's round has a visit: it cannot be removed, and says why.
  await cards.getByRole('button', { name: 'Verwijderen' }).click();
  await cards.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(
    page.getByText('In deze ronde werd al 1 bezoek opgeschreven. Ze kan daarom niet weg.', { exact: true }),
  ).toBeVisible();
  await expectAccessible(page);
  await expectFitsWidth(page, 'shifts');
  await shot(page, '10-shifts');

  // The planning view shows the door tried again tomorrow, after five as the neighbour said.
  await page.getByRole('link', { name: `Terug naar ${name}` }).click();
  await page.getByRole('button', { name: 'Nieuwe pogingen nu plannen' }).click();
  await expect(page.getByText('Nieuwe pogingen gepland')).toBeVisible();
  await expect(page.getByText('poging 2, vanaf 17:00')).toBeVisible();
  await expectAccessible(page);
  await expectFitsWidth(page, 'planning view');
  await shot(page, '11-revisit');

  // The campaign changes after set-up; a period that would leave today's visits behind is refused.
  await page.getByRole('link', { name: 'Campagne wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Campagne wijzigen: ${name}` })).toBeVisible();
  await page.getByLabel('Doel').fill('Vragen hoe het gaat na de storm, en of er schade is.');
  await page.getByLabel('Vragen', { exact: true }).fill('Is er schade aan uw woning?');
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(page.getByText('Campagne gewijzigd')).toBeVisible();
  await expect(page.getByText('Vragen hoe het gaat na de storm, en of er schade is.')).toBeVisible();
  await page.getByRole('link', { name: 'Campagne wijzigen' }).click();
  await page.getByLabel('Eerste dag').fill(brusselsDay(1));
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(
    page.getByText(/^Op .* werden al bezoeken opgeschreven\. De periode moet die dag blijven bevatten\.$/),
  ).toBeVisible();
  await expectAccessible(page);
  await expectFitsWidth(page, 'campaign edit');
  await shot(page, '12-campaign-edit-refused');

  expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  await coordinator.context.close();
  for (const context of contexts) await context.close();
});

test('a visitor who downloaded the day opens the app cold without a connection and records a door', async ({
  browser,
}) => {
  const visitor = await newPage(browser, true);
  const errors = watchConsole(visitor.page);
  const page = visitor.page;
  await signInAs(page, 'home-visitor@genk.demo');
  await page.goto('/outreach/day');
  const doors = page.getByRole('list', { name: 'Deuren in looprichting' }).getByRole('button');
  await expect(doors.first()).toBeVisible();
  // The installable app is ready: the service worker keeps the page and controls it.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        return navigator.serviceWorker.controller !== null;
      }),
    )
    .toBe(true);

  await visitor.context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn rondes' })).toBeVisible();
  await expect(page.getByText('Geen verbinding: gegevens blijven op deze telefoon')).toBeVisible();
  await expect(doors.first()).toBeVisible();
  // A new tab, straight to the address: the same.
  const cold = await visitor.context.newPage();
  const coldErrors = watchConsole(cold);
  await cold.goto('/outreach/day');
  await expect(cold.getByRole('heading', { level: 1, name: 'Mijn rondes' })).toBeVisible();
  const coldDoors = cold.getByRole('list', { name: 'Deuren in looprichting' }).getByRole('button');
  const bell = (await coldDoors.first().locator('strong').textContent()) ?? '';
  await coldDoors.first().click();
  await expect(cold.getByRole('heading', { level: 2, name: bell })).toBeVisible();
  await cold.getByRole('radio', { name: 'Niemand thuis' }).check();
  await cold.getByLabel('Vanaf').fill('18:00');
  await cold.getByLabel('Tot').fill('17:00');
  await cold.getByRole('button', { name: 'Bewaren op deze telefoon' }).click();
  await expect(
    cold.getByText('Het einde van het uur om terug te komen moet na het begin liggen.'),
  ).toBeVisible();
  await cold.getByLabel('Tot').fill('20:00');
  await expectAccessible(cold);
  await expectFitsWidth(cold, 'doorstep offline');
  await shot(cold, '13-cold-offline-doorstep');
  await cold.getByRole('button', { name: 'Bewaren op deze telefoon' }).click();
  await expect(cold.getByText('Wacht op verzending: 1')).toBeVisible();
  await shot(cold, '14-cold-offline-outbox');

  // Back online: the session is checked and the record is sent once. The first tab is closed
  // first: two tabs coming online together race to send the one record, and the tab that loses
  // says only "Alles is verstuurd." (the record is still sent once; this journey is the cold tab's).
  await page.close();
  await visitor.context.setOffline(false);
  await expect(cold.getByText('Alles is verstuurd.')).toBeVisible({ timeout: 15_000 });
  await expect(cold.getByText('Verstuurd: 1.')).toBeVisible();

  const offline = /ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/;
  expect(errors.filter((e) => !offline.test(e))).toEqual([]);
  expect(coldErrors.filter((e) => !offline.test(e))).toEqual([]);
  await visitor.context.close();
});

test('a visitor whose first visit is the day keeps its page for the door, though it came before the service worker', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser, true);
  await apiAs(context.request, 'home-visitor@genk.demo');
  // The worker arrives late (a slow phone): the day's page file is fetched before it is there, so
  // it only has it if the app asks it to keep what the tab loaded.
  await page.addInitScript(() => {
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args: Parameters<typeof register>) =>
      new Promise((resolve) => setTimeout(resolve, 2_000)).then(() => register(...args));
  });
  await page.goto('/outreach/day');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn rondes' })).toBeVisible();
  // page.evaluate awaits the page's promise (waitForFunction would take the promise itself as true).
  const keptDayPage = () =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const kept = await (await caches.open('samen-shell-v2')).keys();
      return kept.some((request) => /\/assets\/VisitorDayPage-[\w-]+\.js$/.test(request.url));
    });
  await expect.poll(keptDayPage, { timeout: 15_000 }).toBe(true);
  await context.close();
});
