import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

test('a resident signs in and is offered to ask for help or to offer it, in their own municipality', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'resident@genk.demo');
  await expect(page.getByRole('heading', { level: 1, name: /Goedendag, Rana/ })).toBeVisible();
  await expect(page.getByText('Welkom bij Samen, de dienstverlening van Genk.')).toBeVisible();
  await expect(page.getByText(/Vraag het aan het contactcenter of aan de balie/)).toBeVisible();
  await expectFitsWidth(page);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Hulp vragen' }).click();
  await expect(page).toHaveURL(/\/help\/ask\?tenant=genk/);
  expect(errors).toEqual([]);
});
