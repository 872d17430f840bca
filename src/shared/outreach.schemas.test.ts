import { describe, expect, it } from 'vitest';
import { campaignInputSchema, outreachMessages, shiftInputSchema } from './outreach.schemas.ts';
import { isRealDate } from './schemas.ts';

describe('dates of a campaign', () => {
  it('are days of the calendar: 30 February is refused on its field, not rolled over to March', () => {
    expect(isRealDate('2027-02-28')).toBe(true);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2027-02-29')).toBe(false);
    expect(isRealDate('2027-02-30')).toBe(false);
    expect(isRealDate('2027-13-01')).toBe(false);
    const result = campaignInputSchema.safeParse({
      name: 'Winterslag',
      purpose: 'Kennismaken',
      startsOn: '2027-02-01',
      endsOn: '2027-02-30',
      neighbourhoodIds: ['6f1c1f0e-3b1a-4c5e-9d1f-2a3b4c5d6e7f'],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['endsOn'], message: outreachMessages.dateNotReal }),
    ]);
  });

  it("starts a visitor's round at both coordinates or at the team's neighbourhood, not at half a place", () => {
    const shift = {
      visitorUserId: '6f1c1f0e-3b1a-4c5e-9d1f-2a3b4c5d6e7f',
      day: '2027-03-01',
      start: 600,
      end: 720,
    };
    expect(shiftInputSchema.safeParse({ ...shift, startLat: 50.97 }).error?.issues).toEqual([
      expect.objectContaining({ path: ['startLon'], message: outreachMessages.bothCoordinates }),
    ]);
    expect(shiftInputSchema.safeParse({ ...shift, startLat: 50.97, startLon: 5.5 }).success).toBe(true);
  });
});
