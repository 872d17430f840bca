import { beforeAll, describe, expect, it } from 'vitest';
import { addressFileReasons, signalFileReasons } from '../../shared/import-reasons.ts';
import { i18nInAllLanguages } from '../i18n/i18n.testing.ts';
import { rowReason } from './rowReason.ts';

let i18n: Awaited<ReturnType<typeof i18nInAllLanguages>>;
beforeAll(async () => {
  i18n = await i18nInAllLanguages();
});

const imports = [
  ['signals.upload.reasons', signalFileReasons],
  ['registry.import.reasons', addressFileReasons],
] as const;

describe('row errors of a file import', () => {
  for (const language of ['nl', 'en', 'fr']) {
    for (const [prefix, codes] of imports) {
      it(`${language} has words for every code under ${prefix}`, () => {
        const say = i18n.getFixedT(language);
        const missing = codes.filter((code) => {
          const key = `${prefix}.${code}`;
          // Plural words (too_long) exist as _one and _other; count picks one.
          return !i18n.exists(key, { lng: language, count: 2 }) || say(key, { count: 2 }) === key;
        });
        expect(missing).toEqual([]);
      });
    }
  }

  it('says the reason in the reader’s language, with its values', () => {
    const nlT = i18n.getFixedT('nl');
    const say = (language: string, error: Parameters<typeof rowReason>[2]) =>
      rowReason({ exists: i18n.exists.bind(i18n), t: i18n.getFixedT(language) } as never, prefix, error);
    const prefix = 'signals.upload.reasons';
    expect(nlT('signals.upload.reasons.amount_empty')).toBe('Het bedrag is leeg.');
    expect(say('nl', { code: 'amount_empty', params: {}, reason: 'the amount is empty' })).toBe(
      'Het bedrag is leeg.',
    );
    expect(
      say('nl', {
        code: 'not_a_national_number',
        params: {},
        reason: 'this is not a valid national register number',
      }),
    ).toBe('Dit is geen geldig rijksregisternummer.');
    expect(
      say('nl', { code: 'same_reference', params: { line: 12 }, reason: 'the same reference as line 12' }),
    ).toBe('Dezelfde referentie als op regel 12.');
    expect(
      say('fr', { code: 'not_an_amount', params: { value: 'abc' }, reason: '"abc" is not an amount' }),
    ).toBe("« abc » n'est pas un montant.");
    expect(
      say('nl', { code: 'too_long', params: { count: 12 }, reason: 'the box is longer than 12 characters' }),
    ).toBe('Langer dan 12 tekens.');
    expect(
      say('nl', {
        code: 'missing_column',
        params: { column: 'referentie' },
        reason: 'missing column "referentie"',
      }),
    ).toBe('De kolom „referentie” ontbreekt.');
    expect(
      say('nl', {
        code: 'missing_column',
        params: { column: 'referentie', hint: 'separator' },
        reason: 'missing column "referentie" (wrong separator?)',
      }),
    ).toBe('De kolom „referentie” ontbreekt. Is het scheidingsteken juist?');
  });

  it('shows the server’s English reason for a code without words, or without a code', () => {
    const words = { exists: i18n.exists.bind(i18n), t: i18n.getFixedT('nl') } as never;
    expect(
      rowReason(words, 'signals.upload.reasons', {
        code: 'tomorrows_code',
        params: {},
        reason: 'a new rule',
      }),
    ).toBe('a new rule');
    expect(rowReason(words, 'signals.upload.reasons', { reason: 'required' })).toBe('required');
    // An address code is not a signals code.
    expect(
      rowReason(words, 'signals.upload.reasons', {
        code: 'coordinate_outside_belgium',
        params: {},
        reason: 'the coordinate lies outside Belgium',
      }),
    ).toBe('the coordinate lies outside Belgium');
    expect(
      rowReason(words, 'registry.import.reasons', {
        code: 'same_address',
        params: { line: 2 },
        reason: 'the same address as line 2',
      }),
    ).toBe('Hetzelfde adres als op regel 2.');
  });
});
