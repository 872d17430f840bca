import { describe, expect, it } from 'vitest';
import { makeNationalNumber } from '../../../shared/national-number.ts';
import { ApiError } from '../../api.ts';
import {
  emptyPersonForm,
  type PersonFormValues,
  serverFormErrors,
  toCreateBody,
  toIsoDate,
  toPatchBody,
  validatePersonForm,
} from './validation.ts';

const valid: PersonFormValues = { ...emptyPersonForm, givenName: 'Ayşe', familyName: 'Öztürk' };

describe('the person form checks what the API checks', () => {
  it('needs only the names', () => {
    expect(validatePersonForm(valid)).toEqual({});
    expect(validatePersonForm(emptyPersonForm)).toMatchObject({
      givenName: 'errors.required',
      familyName: 'errors.required',
    });
  });

  it('reads dates as people write them here', () => {
    expect(toIsoDate('25/03/1984')).toBe('1984-03-25');
    expect(toIsoDate('5-3-1984')).toBe('1984-03-05');
    expect(toIsoDate('1984-03-25')).toBe('1984-03-25');
  });

  it('refuses impossible, future and implausible birth dates', () => {
    expect(validatePersonForm({ ...valid, birthDate: '30/02/1990' }).birthDate).toBe(
      'registry.errors.dateNotReal',
    );
    expect(validatePersonForm({ ...valid, birthDate: '01/01/2099' }).birthDate).toBe(
      'registry.errors.birthDateFuture',
    );
    expect(validatePersonForm({ ...valid, birthDate: '01/01/1890' }).birthDate).toBe(
      'registry.errors.birthDateTooOld',
    );
    expect(validatePersonForm({ ...valid, birthDate: 'gisteren' }).birthDate).toBe(
      'registry.errors.dateFormat',
    );
    expect(validatePersonForm({ ...valid, birthDate: '29/02/2024' })).toEqual({});
  });

  it('checks the national number digits and check digits', () => {
    const good = makeNationalNumber('1985-04-17', 123);
    expect(validatePersonForm({ ...valid, nationalNumber: good })).toEqual({});
    expect(validatePersonForm({ ...valid, nationalNumber: `${good.slice(0, 2)}.${good.slice(2)}` })).toEqual(
      {},
    );
    const wrong = `${good.slice(0, 9)}${String((Number(good.slice(9)) + 1) % 100).padStart(2, '0')}`;
    expect(validatePersonForm({ ...valid, nationalNumber: wrong }).nationalNumber).toBe(
      'registry.errors.nationalNumberChecksum',
    );
    expect(validatePersonForm({ ...valid, nationalNumber: '123' }).nationalNumber).toBe(
      'registry.errors.nationalNumberDigits',
    );
  });

  it('checks an address only when one is given, with a Belgian postcode', () => {
    const address = {
      street: 'Stalenstraat',
      houseNumber: '14',
      box: '',
      postcode: '3600',
      municipality: 'Genk',
    };
    expect(validatePersonForm({ ...valid, address })).toEqual({});
    expect(
      validatePersonForm({ ...valid, address: { ...address, postcode: '360' } })['address.postcode'],
    ).toBe('registry.errors.postcodeDigits');
    expect(
      validatePersonForm({ ...valid, address: { ...address, postcode: '0999' } })['address.postcode'],
    ).toBe('registry.errors.postcodeNotBelgian');
    expect(
      validatePersonForm({ ...valid, address: { ...address, houseNumber: '' } })['address.houseNumber'],
    ).toBe('errors.required');
  });

  it('checks contact points by their kind', () => {
    const contacts = [{ channel: 'email' as const, value: 'niet-een-adres', label: '' }];
    expect(validatePersonForm({ ...valid, contacts })['contacts.0.value']).toBe('errors.emailInvalid');
    expect(
      validatePersonForm({ ...valid, contacts: [{ channel: 'phone', value: '089 12 34 56', label: '' }] }),
    ).toEqual({});
  });
});

describe('bodies sent to the API', () => {
  it('sends ISO dates and leaves out what was not given', () => {
    const body = toCreateBody({ ...valid, birthDate: '25/03/1984' });
    expect(body).toMatchObject({ givenName: 'Ayşe', birthDate: '1984-03-25', confirmNotDuplicate: false });
    expect(body.nationalNumber).toBeUndefined();
    expect(toCreateBody(valid, true).confirmNotDuplicate).toBe(true);
  });

  it('rectifies only what changed, clearing emptied fields with null', () => {
    const initial = { ...valid, otherNames: 'Nur', birthDate: '02/09/1988' };
    expect(toPatchBody(initial, initial)).toEqual({});
    expect(toPatchBody({ ...initial, otherNames: '', familyName: 'Ozturk' }, initial)).toEqual({
      otherNames: null,
      familyName: 'Ozturk',
    });
  });

  it("turns the API's field errors into messages next to the fields", () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { in: 'body', field: 'birthDate', message: 'a birth date cannot be in the future' },
      { field: 'nationalNumber', message: 'this is not a valid national register number (check digits)' },
      { field: 'givenName', message: 'Too small: expected string to have >=1 characters' },
    ]);
    expect(serverFormErrors(error)).toEqual({
      birthDate: 'registry.errors.birthDateFuture',
      nationalNumber: 'registry.errors.nationalNumberChecksum',
      givenName: 'errors.required',
    });
  });
});
