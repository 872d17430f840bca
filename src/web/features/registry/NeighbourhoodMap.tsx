import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface Outline {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

export interface MapArea {
  id: string;
  name: string;
  isFocus: boolean;
  outline: Outline;
  /** Households in the neighbourhood, when the page asked for counts. */
  households?: number;
}

type Ring = [number, number][];

function isPosition(value: unknown): value is [number, number] {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** The rings of a Polygon or MultiPolygon, tolerating malformed input. */
export function ringsOf(outline: Outline): Ring[] {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (Array.isArray(ring)) rings.push(ring.filter(isPosition));
    }
  }
  return rings.filter((ring) => ring.length >= 3);
}

const WIDTH = 800;
const PAD = 12;

/** A plain SVG drawing of the neighbourhood outlines; no map library, no tiles. */
export function NeighbourhoodMap({ areas }: { areas: MapArea[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();

  const all = areas.flatMap((area) => ringsOf(area.outline).flat());
  if (all.length === 0) return null;
  const lons = all.map(([lon]) => lon);
  const lats = all.map(([, lat]) => lat);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  // Equirectangular projection, corrected for latitude so shapes keep their proportions.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (WIDTH - 2 * PAD) / spanX;
  const height = Math.round(spanY * scale + 2 * PAD);
  const project = ([lon, lat]: [number, number]): [number, number] => [
    PAD + (lon - minLon) * kx * scale,
    PAD + (maxLat - lat) * scale,
  ];

  const shapes = areas.map((area) => {
    const rings = ringsOf(area.outline).map((ring) => ring.map(project));
    const d = rings
      .map((ring) => `M${ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`)
      .join(' ');
    // Label at the centre of the largest ring's bounding box.
    const outer = rings.reduce<[number, number][]>(
      (best, ring) => (ring.length > best.length ? ring : best),
      [],
    );
    const xs = outer.map(([x]) => x);
    const ys = outer.map(([, y]) => y);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    return { area, d, cx, cy };
  });

  return (
    <svg
      className="map-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
    >
      <title id={titleId}>{t('neighbourhoods.mapTitle')}</title>
      <desc id={descId}>{t('neighbourhoods.mapDescription')}</desc>
      {shapes.map(({ area, d }) => (
        <path
          key={area.id}
          d={d}
          className={`map-area ${area.isFocus ? 'focus' : 'other'}`}
          fillRule="evenodd"
        >
          <title>{area.isFocus ? `${area.name} (${t('neighbourhoods.focus')})` : area.name}</title>
        </path>
      ))}
      {shapes.map(({ area, cx, cy }) => (
        <text
          key={`label-${area.id}`}
          x={cx}
          y={cy}
          className="map-label"
          textAnchor="middle"
          aria-hidden="true"
        >
          {area.name}
          {area.households !== undefined ? (
            <tspan x={cx} dy="1.2em" className="map-count">
              {t('neighbourhoods.householdsShort', { count: area.households })}
            </tspan>
          ) : null}
        </text>
      ))}
    </svg>
  );
}
