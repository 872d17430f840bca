import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaLocator, type PolygonLike, pointInPolygon } from './point-in-polygon.ts';

const rect = (west: number, south: number, east: number, north: number): PolygonLike => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

const coordinate = fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true });
const span = fc.double({ min: 0.001, max: 20, noNaN: true, noDefaultInfinity: true });
const offEdge = (value: number, ...edges: number[]) => edges.every((edge) => Math.abs(value - edge) > 1e-9);

describe('point in polygon', () => {
  it('agrees with the bounding box for rectangles', () => {
    fc.assert(
      fc.property(coordinate, coordinate, span, span, coordinate, coordinate, (w, s, dx, dy, x, y) => {
        fc.pre(offEdge(x, w, w + dx) && offEdge(y, s, s + dy));
        const inside = x > w && x < w + dx && y > s && y < s + dy;
        expect(pointInPolygon(x, y, rect(w, s, w + dx, s + dy))).toBe(inside);
      }),
    );
  });

  it('does not depend on where the polygon is, nor on the direction of its ring', () => {
    const triangle = [
      [0, 0],
      [4, 1],
      [1, 3],
      [0, 0],
    ] as [number, number][];
    const onEdge = (x: number, y: number) =>
      triangle.slice(1).some(([bx, by], i) => {
        const [ax, ay] = triangle[i]!;
        const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        return Math.abs(cross) < 1e-9;
      });
    const grid = fc.integer({ min: -8, max: 40 }).map((n) => n / 8 + 1 / 16);
    const offset = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(offset, offset, grid, grid, (tx, ty, x, y) => {
        fc.pre(!onEdge(x, y));
        const here = pointInPolygon(x, y, { type: 'Polygon', coordinates: [triangle] });
        const moved = triangle.map(([a, b]) => [a + tx, b + ty]);
        expect(pointInPolygon(x + tx, y + ty, { type: 'Polygon', coordinates: [moved] })).toBe(here);
        expect(pointInPolygon(x, y, { type: 'Polygon', coordinates: [[...triangle].reverse()] })).toBe(here);
      }),
    );
  });

  it('puts a point of a tiled square in exactly one tile', () => {
    const tiles = [rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(0, 1, 1, 2), rect(1, 1, 2, 2)];
    fc.assert(
      fc.property(
        fc.double({ min: 0.0001, max: 1.9999, noNaN: true }),
        fc.double({ min: 0.0001, max: 1.9999, noNaN: true }),
        (x, y) => {
          fc.pre(offEdge(x, 1) && offEdge(y, 1));
          expect(tiles.filter((tile) => pointInPolygon(x, y, tile))).toHaveLength(1);
        },
      ),
    );
  });

  it('keeps a point in a hole outside, and handles multipolygons', () => {
    const withHole: PolygonLike = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [4, 4],
          [6, 4],
          [6, 6],
          [4, 6],
          [4, 4],
        ],
      ],
    };
    expect(pointInPolygon(2, 2, withHole)).toBe(true);
    expect(pointInPolygon(5, 5, withHole)).toBe(false);
    const multi: PolygonLike = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 5, 6, 6).coordinates],
    };
    expect(pointInPolygon(5.5, 5.5, multi)).toBe(true);
    expect(pointInPolygon(3, 3, multi)).toBe(false);
  });

  it('locates the area a point is in, or none', () => {
    const locate = areaLocator([
      { id: 'a', outline: rect(5.4, 50.9, 5.5, 51) },
      { id: 'b', outline: rect(5.5, 50.9, 5.6, 51) },
    ]);
    expect(locate(5.45, 50.95)?.id).toBe('a');
    expect(locate(5.55, 50.95)?.id).toBe('b');
    expect(locate(4, 50)).toBeNull();
  });
});
