import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNationalNumber, makeNationalNumber, nationalNumberCentury } from './national-number.ts';

describe('Belgian national register number', () => {
  it('accepts known-good numbers before and after 2000', () => {
    // 85.07.30-033.28: 97 - (850730033 mod 97) = 28
    expect(isValidNationalNumber('85.07.30-033.28')).toBe(true);
    expect(nationalNumberCentury('85073003328')).toBe(1900);
    // born 2017-01-01, serial 005: check computed on 2170101005
    expect(nationalNumberCentury('17010100567')).toBe(2000);
  });

  it('refuses wrong check digits, wrong lengths and impossible dates', () => {
    expect(isValidNationalNumber('85073003327')).toBe(false);
    expect(isValidNationalNumber('8507300332')).toBe(false);
    expect(isValidNationalNumber('abcdefghijk')).toBe(false);
    expect(isValidNationalNumber('85133003300')).toBe(false);
  });

  it('builds valid numbers for any date, and a changed digit breaks them', () => {
    const date = fc
      .date({ min: new Date('1901-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 997 }),
        fc.integer({ min: 0, max: 8 }),
        (birth, serial, at) => {
          const number = makeNationalNumber(birth, serial);
          expect(nationalNumberCentury(number)).toBe(Number(birth.slice(0, 4)) >= 2000 ? 2000 : 1900);
          const digit = Number(number[at]);
          const changed = `${number.slice(0, at)}${(digit + 1) % 10}${number.slice(at + 1)}`;
          // One changed digit in the first nine always changes the remainder mod 97 (97 is prime, 10^k
          // is never 0 mod 97), so the same check can only fit the other century by chance.
          expect(nationalNumberCentury(changed)).not.toBe(nationalNumberCentury(number));
        },
      ),
    );
  });
});
