/**
 * Which neighbourhood an address lies in. GeoJSON order: [longitude, latitude]. A polygon is an
 * outer ring followed by holes; a point in a hole is outside. Points exactly on an edge may fall on
 * either side (neighbourhoods share their edges; the first match wins).
 */
export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];

export interface PolygonLike {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

/** Ray casting (even-odd rule) over one ring. */
export function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygonRings(lon: number, lat: number, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((hole) => inRing(lon, lat, hole));
}

export function pointInPolygon(lon: number, lat: number, geometry: PolygonLike): boolean {
  if (geometry.type === 'Polygon') return inPolygonRings(lon, lat, geometry.coordinates as Ring[]);
  return (geometry.coordinates as Ring[][]).some((polygon) => inPolygonRings(lon, lat, polygon));
}

export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function bboxOf(geometry: PolygonLike): Bbox {
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      box.west = Math.min(box.west, lon!);
      box.east = Math.max(box.east, lon!);
      box.south = Math.min(box.south, lat!);
      box.north = Math.max(box.north, lat!);
    }
  }
  return box;
}

/** A reusable locator over many areas: the bounding boxes skip most polygon tests. */
export function areaLocator<T extends { outline: PolygonLike }>(areas: readonly T[]) {
  const indexed = areas.map((area) => ({ area, box: bboxOf(area.outline) }));
  return (lon: number, lat: number): T | null => {
    for (const { area, box } of indexed) {
      if (lon < box.west || lon > box.east || lat < box.south || lat > box.north) continue;
      if (pointInPolygon(lon, lat, area.outline)) return area;
    }
    return null;
  };
}
