import { expect, test } from '@playwright/test';
import { demoId } from '../../src/server/db/seed/demo-city.ts';
import { apiAs, expectAccessible, fillSignIn, watchConsole } from './helpers.ts';

test('a family rates the help through its own link, without an account; the request page shows it', async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL;
  // The demo's urgent request for errands: Vera helps; its day has not come, so she phones the
  // coordinator, who closes it saying why (a volunteer reports help for one moment done from its day on).
  const needId = demoId('genk', 'need', 0);
  const coordinatorApi = await playwright.request.newContext({ baseURL });
  const coordinator = await apiAs(coordinatorApi, 'coordinator@genk.demo');
  const veraApi = await playwright.request.newContext({ baseURL });
  const vera = await apiAs(veraApi, 'volunteer@genk.demo');
  const proposed = await coordinatorApi.post(`/api/help/needs/${needId}/proposals`, {
    headers: coordinator.headers,
    data: { volunteerIds: [vera.id] },
  });
  expect(proposed.status(), await proposed.text()).toBe(201);
  const home = (await (await veraApi.get('/api/help/me')).json()) as {
    proposals: { id: string; helpType: string }[];
  };
  const match = home.proposals.find((p) => p.helpType === 'errands')!;
  const accepted = await veraApi.post(`/api/help/matches/${match.id}/accept`, {
    headers: vera.headers,
    data: {},
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const early = await veraApi.post(`/api/help/matches/${match.id}/complete`, {
    headers: vera.headers,
    data: { minutes: 60, rating: 5 },
  });
  expect(early.status(), await early.text()).toBe(409);
  const done = await coordinatorApi.post(`/api/help/needs/${needId}/status`, {
    headers: coordinator.headers,
    data: { status: 'done', reason: 'Vera belde: de boodschappen zijn al gedaan' },
  });
  expect(done.status(), await done.text()).toBe(200);
  await coordinatorApi.dispose();
  await veraApi.dispose();

  // 1. Staff make a link to pass on: shown once, with plain words on what to do with it.
  const staffErrors = watchConsole(page);
  await page.goto(`/sign-in?next=${encodeURIComponent(`/help/needs/${needId}`)}`);
  await fillSignIn(page, 'coordinator@genk.demo');
  await expect(page.getByRole('heading', { name: 'Vraag het gezin zelf' })).toBeVisible();
  await page.getByRole('button', { name: 'Maak een link om door te geven' }).click();
  await expect(page.getByText(/Geef deze link aan het gezin/)).toBeVisible();
  const link = new URL(await page.getByLabel('Link voor het gezin').inputValue());
  expect(link.pathname).toBe('/help/feedback');
  await expectAccessible(page);

  // 2. The family opens it without an account: the kind of help and the day, nothing about anyone.
  const familyContext = await browser.newContext();
  const family = await familyContext.newPage();
  const familyErrors = watchConsole(family);
  await family.goto(`${link.pathname}${link.search}`);
  await expect(family.getByRole('heading', { level: 1, name: 'Hoe was de hulp?' })).toBeVisible();
  await expect(family.getByText(/Een vrijwilliger hielp je met: Boodschappen, op/)).toBeVisible();
  await expect(family.getByText('Vera')).toHaveCount(0);
  await expect(family.getByText('supermarkt')).toHaveCount(0);
  await expectAccessible(family);
  // No answer is chosen for the family: sent untouched, the page asks to choose and sends nothing.
  await expect(family.getByLabel('Hoe ging het?')).toHaveValue('');
  await family.getByRole('button', { name: 'Stuur mijn antwoord' }).click();
  await expect(family.getByText('Kies hoe het ging.')).toBeVisible();
  await family.getByLabel('Hoe ging het?').selectOption('4');
  await family.getByLabel(/Wil je nog iets kwijt/).fill('Vriendelijk en op tijd, dank je.');
  await family.getByRole('button', { name: 'Stuur mijn antwoord' }).click();
  await expect(family.getByText('Dank je wel! We hebben je antwoord goed ontvangen.')).toBeVisible();
  await expectAccessible(family);
  // The link works once.
  await family.reload();
  await expect(family.getByText('Met deze link werd al geantwoord. Dank je wel!')).toBeVisible();

  // 3. The request page shows the family's own answer; staff cannot overwrite it.
  await page.reload();
  const feedback = page.getByRole('region', { name: 'Feedback van het gezin' });
  await expect(feedback.getByText('Goed', { exact: true })).toBeVisible();
  await expect(feedback.getByText('Vriendelijk en op tijd, dank je.')).toBeVisible();
  await expect(feedback.getByText(/Het gezin gaf dit zelf door/)).toBeVisible();
  await expect(feedback.getByRole('button', { name: 'Feedback bewaren' })).toHaveCount(0);
  await expectAccessible(page);

  expect(staffErrors).toEqual([]);
  // The used link's refusal is an answer the page shows, not an error.
  expect(familyErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  await familyContext.close();
});
