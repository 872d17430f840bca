import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsWidth, signInAs, watchConsole } from './helpers.ts';

// Residents and volunteers reach Genk Helpt on a phone: its pages must fit a small screen whole.
test.use({ viewport: { width: 360, height: 740 } });

test('on a 360 px phone, a resident can ask for help and anyone can offer it, without scrolling sideways', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/help/ask?tenant=genk');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Telefoonnummer' })).toBeVisible();
  await expectFitsWidth(page, 'ask for help');
  await expectAccessible(page);

  await page.goto('/help/volunteer?tenant=genk');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectFitsWidth(page, 'offer help');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('on a 360 px phone, a volunteer reads her proposals and matches and keeps her profile', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signInAs(page, 'volunteer@genk.demo');
  await page.goto('/help/me');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectFitsWidth(page, 'the volunteer page');
  await expectAccessible(page);

  await page.goto('/help/me/profile');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectFitsWidth(page, 'the profile');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
