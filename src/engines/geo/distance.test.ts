import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm } from './distance.ts';

const point = fc.record({
  lat: fc.double({ min: 49, max: 52, noNaN: true }),
  lon: fc.double({ min: 2, max: 7, noNaN: true }),
});

describe('distanceKm', () => {
  it('measures Genk city hall to Hasselt station at about 13 km', () => {
    expect(distanceKm({ lat: 50.9655, lon: 5.5006 }, { lat: 50.9273, lon: 5.3271 })).toBeCloseTo(12.9, 0);
  });

  it('is symmetric, zero on the same point and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(distanceKm(a, a)).toBe(0);
        expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
        expect(distanceKm(a, c)).toBeLessThanOrEqual(distanceKm(a, b) + distanceKm(b, c) + 1e-9);
      }),
    );
  });
});
