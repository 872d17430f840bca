import { describe, expect, it } from 'vitest';
import { brusselsDay } from './brussels.ts';
import {
  accessGrantInputSchema,
  addressInputSchema,
  consentInputSchema,
  contactPointSchema,
  legalHoldInputSchema,
} from './registry.schemas.ts';

const messages = (result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) => result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('what the registry API takes', () => {
  it('takes an e-mail contact only when it is an address', () => {
    expect(messages(contactPointSchema.safeParse({ channel: 'email', value: 'abc' }))).toEqual([
      'value: an e-mail address',
    ]);
    expect(contactPointSchema.safeParse({ channel: 'email', value: 'an@example.org' }).success).toBe(true);
    expect(contactPointSchema.safeParse({ channel: 'phone', value: '089 12 34 56' }).success).toBe(true);
  });

  it('dates a consent from 1900 up to now', () => {
    const consent = (at: string) =>
      consentInputSchema.safeParse({ purpose: 'help_matching', status: 'given', method: 'verbal', at });
    expect(messages(consent('0001-01-01T00:00:00Z'))).toEqual(['at: not before 1900']);
    expect(messages(consent('2999-01-01T00:00:00Z'))).toEqual(['at: cannot be in the future']);
    expect(consent('2020-05-01T10:00:00+02:00').success).toBe(true);
  });

  it('holds a legal hold or an access grant until today or later', () => {
    const personId = '6f1c1f0e-3b1a-4c5e-9d1f-2a3b4c5d6e7f';
    expect(
      messages(
        legalHoldInputSchema.safeParse({
          personId,
          module: 'signals',
          reason: 'Rechtszaak',
          until: '2020-01-01',
        }),
      ),
    ).toEqual(['until: cannot be in the past']);
    expect(
      accessGrantInputSchema.safeParse({
        personId,
        userId: personId,
        reason: 'Huisbezoek',
        until: brusselsDay(0),
      }).success,
    ).toBe(true);
  });

  it('places an address by both coordinates or by none', () => {
    const address = { street: 'Hoeverweg', houseNumber: '5', postcode: '3600', municipality: 'Genk' };
    expect(messages(addressInputSchema.safeParse({ ...address, lat: 50.97 }))).toEqual([
      'lon: both coordinates, or neither',
    ]);
    expect(addressInputSchema.safeParse({ ...address, lat: 50.97, lon: 5.47 }).success).toBe(true);
    expect(addressInputSchema.safeParse(address).success).toBe(true);
  });
});
