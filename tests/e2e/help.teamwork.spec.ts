import { type Browser, expect, type Page, test } from '@playwright/test';
import { demoId } from '../../src/server/db/seed/demo-city.ts';
import { expectAccessible, fillSignIn, nextWeekday, setServerClock, watchConsole } from './helpers.ts';

// Genk Helpt as partners, volunteers and coordinators work together. This file runs after
// help.spec.ts (whose journeys count the demo's proposals), and leaves the clock where it found it.

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await fillSignIn(page, email);
  await expect(page).not.toHaveURL(/sign-in/);
}

async function signedIn(browser: Browser, email: string, next: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, email, next);
  return { page, errors, close: () => context.close() };
}

/**
 * Staff post a request for someone without a file yet (the form for a household is in help.spec.ts):
 * in Centrum, where the demo volunteer Vera lives, at a moment only she is free for this kind of help.
 */
async function postRequest(
  page: Page,
  request: { name: string; type: string; description: string; date: string; urgent?: boolean },
) {
  await page.goto('/help/needs/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
  const who = page.getByRole('group', { name: 'Wie vraagt hulp?' });
  await who.getByLabel('Naam', { exact: true }).fill(request.name);
  await who.getByLabel('Wijk').selectOption({ label: 'Centrum' });
  await page.getByLabel('Soort hulp').selectOption({ label: request.type });
  await page.getByLabel('Wat is er nodig').fill(request.description);
  await page.getByLabel('Datum').fill(request.date);
  await page.getByLabel('Van', { exact: true }).fill('14:00');
  await page.getByLabel('Tot', { exact: true }).fill('15:00');
  if (request.urgent) await page.getByRole('radio', { name: 'Dringend' }).check();
  await page.getByRole('checkbox', { name: /Deze persoon gaat akkoord/ }).check();
  await page.getByRole('button', { name: 'Hulpvraag bewaren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Hulpvraag: ${request.type}` })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('a partner organisation posts a request for a family, finds it in its list, and sees no one else’s', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const asker = `Nadia ${Date.now() % 100_000}`;
  await signIn(page, 'partner@genk.demo', '/help/needs');
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  await expectAccessible(page);

  // The partner describes who asks: a partner attaches no household (decision 0006).
  await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe hulpvraag' })).toBeVisible();
  const who = page.getByRole('group', { name: 'Wie vraagt hulp? (via je organisatie)' });
  await expect(who).toBeVisible();
  // No pointer to the residents' files, which a partner does not open.
  await expect(page.getByRole('link', { name: 'Zoek het gezin bij Inwoners' })).toHaveCount(0);
  await who.getByLabel('Naam', { exact: true }).fill(asker);
  await who.getByLabel('Telefoonnummer').fill('0470 00 00 99');
  await who.getByLabel('Wijk').selectOption({ label: 'Kolderbos' });
  await page.getByLabel('Soort hulp').selectOption({ label: 'Papierwerk' });
  await page
    .getByLabel('Wat is er nodig')
    .fill('Samen de brieven van de energieleverancier lezen en een afbetalingsplan vragen.');
  await page.getByLabel('Datum').fill(nextWeekday(2));
  await page.getByRole('checkbox', { name: /Deze persoon gaat akkoord/ }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Hulpvraag bewaren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvraag: Papierwerk' })).toBeVisible();
  await expect(page.getByText(`Gevraagd door ${asker}`)).toBeVisible();
  await expect(page.getByText('Kolderbos')).toBeVisible();
  const own = new URL(page.url()).pathname;
  await expectAccessible(page);

  // Their list holds their own request, and none of the demo's, which staff posted.
  await page.getByRole('link', { name: 'Hulpvragen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvragen' })).toBeVisible();
  const requests = page.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(requests).toHaveCount(1);
  await expect(requests.getByRole('link', { name: 'Papierwerk' })).toHaveAttribute('href', own);
  await expect(requests.getByText('Kolderbos')).toBeVisible();
  const staffs = `/help/needs/${demoId('genk', 'need', 2)}`;
  await expect(page.locator(`a[href="${staffs}"]`)).toHaveCount(0);
  await expectAccessible(page);

  // Opening a request staff posted, by its address: not found, in plain words, and nothing of it.
  await page.goto(staffs);
  await expect(page.getByRole('heading', { level: 1, name: 'Hulpvraag niet gevonden' })).toBeVisible();
  await expect(page.getByText(/Deze hulpvraag bestaat niet, of ze is niet voor jou/)).toBeVisible();
  await expect(page.getByText('energiecontract')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Naar de hulpvragen' }).click();
  await expect(requests).toHaveCount(1);
  // The browser logs the API's 404 for the request it was not given; nothing else went wrong.
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});

test('a volunteer says yes after the deadline: she is told in plain words, no match is made, and the request moves on', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const staff = await signedIn(browser, 'coordinator@genk.demo', '/help/board');
  await expect(staff.page.getByRole('heading', { level: 1, name: 'Matchingbord' })).toBeVisible();
  const need = await postRequest(staff.page, {
    name: `Walter ${Date.now() % 100_000}`,
    type: 'Gezelschap',
    description: 'Een uurtje samen koffie drinken en een babbel doen.',
    date: nextWeekday(3),
  });
  await staff.page.getByRole('checkbox', { name: /Vera Vrijwilliger/ }).check();
  await staff.page.getByRole('button', { name: 'Voorstel versturen (1)' }).click();
  await expect(staff.page.getByText('Het voorstel ging naar 1 vrijwilliger.', { exact: true })).toBeVisible();

  // Vera opens her page while there is still time, and reads the proposal.
  const vera = await signedIn(browser, 'volunteer@genk.demo', '/help/me');
  await expect(vera.page.getByRole('heading', { level: 1, name: 'Mijn hulp' })).toBeVisible();
  const proposal = vera.page.getByRole('article').filter({ hasText: 'Gezelschap' });
  await expect(proposal.getByText('Centrum')).toBeVisible();
  await expectAccessible(vera.page);

  // Three days pass before she answers. Proposals run out on the server clock, which only the
  // demo-only route moves (the expiry job itself waits for the real 48 hours; a late yes does its work).
  try {
    await setServerClock(browser, 3);
    await proposal.getByRole('button', { name: 'Ja, ik help' }).click();
    await expect(
      vera.page
        .getByRole('alert')
        .filter({ hasText: 'De tijd om op dit voorstel te antwoorden is voorbij.' })
        .filter({ hasText: 'De stad zoekt verder naar hulp voor deze vraag.' }),
    ).toBeVisible();
    // No match: the proposal left her list, and she helps nobody, so no address or phone is shown.
    await expect(vera.page.getByRole('article').filter({ hasText: 'Gezelschap' })).toHaveCount(0);
    await expect(vera.page.getByRole('heading', { name: 'Mensen die je nu helpt (0)' })).toBeVisible();
    await expect(vera.page.getByText('Een uurtje samen koffie drinken')).toHaveCount(0);
    await expectAccessible(vera.page);
  } finally {
    await setServerClock(browser, 0);
  }

  // The coordinator sees the request moved on: nobody else is free then, so it has no volunteer, with why.
  await staff.page.goto('/help/board');
  const noMatch = staff.page.getByRole('region', { name: /Geen vrijwilliger gevonden/ });
  await expect(noMatch.locator(`a[href="${need}"]`)).toBeVisible();
  await expectAccessible(staff.page);
  await staff.page.goto(need);
  await expect(
    staff.page.getByRole('row').filter({ hasText: 'Vera Vrijwilliger' }).getByText('Niet op tijd beantwoord'),
  ).toBeVisible();
  await expect(staff.page.getByText(/Een voorstel werd niet op tijd beantwoord/)).toBeVisible();
  await expect(staff.page.getByText('Nog geen vrijwilliger').first()).toBeVisible();
  await expectAccessible(staff.page);

  expect(vera.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  expect(staff.errors).toEqual([]);
  await vera.close();
  await staff.close();
});

test('the coordinator matches every open request at once, leaves one proposal out, sends the rest, and the volunteer sees hers', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const staff = await signedIn(browser, 'coordinator@genk.demo', '/help/board');
  await expect(staff.page.getByRole('heading', { level: 1, name: 'Matchingbord' })).toBeVisible();
  const need = await postRequest(staff.page, {
    name: `Josée ${Date.now() % 100_000}`,
    type: 'Digitale hulp',
    description: 'De app van het ziekenfonds installeren op een nieuwe gsm.',
    date: nextWeekday(1),
    urgent: true,
  });

  await staff.page.goto('/help/board');
  const waitingTitle = staff.page.getByRole('heading', { name: /^Wachten op antwoord \(\d+\)$/ });
  const waitingBefore = Number(/\((\d+)\)/.exec((await waitingTitle.textContent()) ?? '')![1]);
  await staff.page.getByRole('button', { name: 'Alle open vragen matchen' }).click();
  const review = staff.page.getByRole('region', { name: /Voorstellen om na te kijken/ });
  await expect(review).toBeVisible();
  await expect(review.getByText('Er is nog niets verstuurd.', { exact: false })).toBeVisible();
  await expectAccessible(staff.page);

  // Hers is among them; the demo's other open requests give at least one more to leave out.
  const proposals = review.getByRole('checkbox');
  const ours = review.getByRole('checkbox', {
    name: /Digitale hulp \(Centrum, Dringend\) → Vera Vrijwilliger/,
  });
  await expect(ours).toBeChecked();
  const total = await proposals.count();
  expect(total).toBeGreaterThanOrEqual(2);
  await expect(review.getByRole('button', { name: `Voorstellen versturen (${total})` })).toBeEnabled();
  // Leave one other proposal out: unticked, it is not sent.
  const other = review
    .getByRole('checkbox', { name: /^(?!.*Digitale hulp \(Centrum, Dringend\) → Vera Vrijwilliger)/ })
    .first();
  await other.uncheck();
  await expect(other).not.toBeChecked();
  const sendButton = review.getByRole('button', { name: `Voorstellen versturen (${total - 1})` });
  await expect(sendButton).toBeEnabled();
  await sendButton.click();
  const sent = total - 1 === 1 ? '1 voorstel verstuurd.' : `${total - 1} voorstellen verstuurd.`;
  await expect(staff.page.getByText(sent, { exact: false })).toBeVisible();
  await expect(review).toHaveCount(0);
  // What was sent waits for an answer; what was left out was not sent.
  await expect(waitingTitle).toHaveText(`Wachten op antwoord (${waitingBefore + total - 1})`);
  const waiting = staff.page.getByRole('region', { name: /Wachten op antwoord/ });
  await expect(
    waiting.getByRole('row').filter({ has: staff.page.locator(`a[href="${need}"]`) }),
  ).toContainText('Vera Vrijwilliger');
  await expectAccessible(staff.page);

  // Vera finds it on her page: what, where and when, with nothing of the person yet.
  const vera = await signedIn(browser, 'volunteer@genk.demo', '/help/me');
  await expect(vera.page.getByRole('heading', { level: 1, name: 'Mijn hulp' })).toBeVisible();
  const proposal = vera.page
    .getByRole('article')
    .filter({ hasText: 'Digitale hulp' })
    .filter({ hasText: 'Dringend' });
  await expect(proposal).toHaveCount(1);
  await expect(proposal.getByText('Centrum')).toBeVisible();
  await expect(proposal.getByRole('button', { name: 'Ja, ik help' })).toBeVisible();
  await expect(vera.page.getByText('ziekenfonds')).toHaveCount(0);
  await expectAccessible(vera.page);
  expect(vera.errors).toEqual([]);
  expect(staff.errors).toEqual([]);
  await vera.close();
  await staff.close();
});
