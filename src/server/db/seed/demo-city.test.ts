import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointInPolygon } from '../../../engines/geo/point-in-polygon.ts';
import { isValidNationalNumber } from '../../../shared/national-number.ts';
import { generateDemoCity, genkNeighbourhoods, neighbourhoodOutline, seededRandom } from './demo-city.ts';

describe('the demo city generator', () => {
  const outlines = genkNeighbourhoods.map(([name, , column, row]) => ({
    name,
    outline: neighbourhoodOutline(column, row),
  }));

  it('tiles Genk: a point inside the area lies in exactly one neighbourhood', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5.4301, max: 5.5799, noNaN: true }),
        fc.double({ min: 50.9301, max: 51.0099, noNaN: true }),
        (lon, lat) => {
          const hits = outlines.filter((n) => pointInPolygon(lon, lat, n.outline));
          // A point exactly on a shared edge may count twice; random doubles practically never are.
          expect(hits.length).toBe(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is reproducible and never uses the same random stream twice', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 5 }, a.next)).toEqual(Array.from({ length: 5 }, b.next));
    expect(seededRandom(43).next()).not.toBe(seededRandom(42).next());
  });

  it('puts every household inside its neighbourhood, with valid and unique national numbers', () => {
    const city = generateDemoCity('genk', 400);
    expect(city[0]!.name).toBe('Öztürk');
    const numbers = new Set<string>();
    for (const household of city) {
      const area = outlines.find((n) => n.name === household.neighbourhood)!;
      expect(pointInPolygon(household.address.lon, household.address.lat, area.outline), household.name).toBe(
        true,
      );
      for (const member of household.members) {
        if (member.nationalNumber === null) continue;
        expect(isValidNationalNumber(member.nationalNumber)).toBe(true);
        expect(numbers.has(member.nationalNumber)).toBe(false);
        numbers.add(member.nationalNumber);
      }
    }
    const keys = city.map((h) => `${h.address.street}|${h.address.houseNumber}|${h.address.box}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
