import { useId } from 'react';
import { type MapArea, ringsOf } from '../registry/NeighbourhoodMap.tsx';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** Index into the round colours; null: not in a round. */
  round: number | null;
  label: string;
  state: string;
}

const WIDTH = 800;
const PAD = 16;
const COLOURS = 8;

/**
 * Rounds and coverage as plain SVG: neighbourhood outlines, doors as dots (filled when visited),
 * each round's doors joined in walking order. No map library and no tiles, so it works offline.
 */
export function DoorMap({
  title,
  description,
  areas = [],
  points,
  routes = [],
}: {
  title: string;
  description: string;
  areas?: MapArea[];
  points: MapPoint[];
  routes?: { round: number; path: { lat: number; lon: number }[] }[];
}) {
  const titleId = useId();
  const descId = useId();
  const coords = [
    ...areas.flatMap((a) => ringsOf(a.outline).flat()),
    ...points.map((p) => [p.lon, p.lat] as [number, number]),
    ...routes.flatMap((r) => r.path.map((p) => [p.lon, p.lat] as [number, number])),
  ];
  if (coords.length === 0) return null;
  const lons = coords.map(([lon]) => lon);
  const lats = coords.map(([, lat]) => lat);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = (WIDTH - 2 * PAD) / spanX;
  const height = Math.min(900, Math.round(spanY * scale + 2 * PAD));
  const fit = Math.min(1, (height - 2 * PAD) / (spanY * scale));
  const project = (lon: number, lat: number): [number, number] => [
    PAD + (lon - minLon) * kx * scale * fit,
    PAD + (maxLat - lat) * scale * fit,
  ];
  return (
    <svg
      className="map-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {areas.map((area) => (
        <path
          key={area.id}
          className={`map-area ${area.isFocus ? 'focus' : 'other'} faint`}
          fillRule="evenodd"
          d={ringsOf(area.outline)
            .map(
              (ring) =>
                `M${ring
                  .map(([lon, lat]) =>
                    project(lon, lat)
                      .map((n) => n.toFixed(1))
                      .join(','),
                  )
                  .join('L')}Z`,
            )
            .join(' ')}
        />
      ))}
      {routes.map((route) => (
        <polyline
          key={`route-${route.round}`}
          className={`round-line round-${route.round % COLOURS}`}
          points={route.path
            .map((p) =>
              project(p.lon, p.lat)
                .map((n) => n.toFixed(1))
                .join(','),
            )
            .join(' ')}
        />
      ))}
      {points.map((p) => {
        const [x, y] = project(p.lon, p.lat);
        const visited = p.state === 'talked' || p.state === 'refused' || p.state === 'not_home';
        return (
          <circle
            key={p.id}
            cx={x.toFixed(1)}
            cy={y.toFixed(1)}
            r={visited ? 6 : 5}
            className={`door-dot ${p.round === null ? 'unplanned' : `round-${p.round % COLOURS}`} ${visited ? 'visited' : ''}`}
          >
            <title>{p.label}</title>
          </circle>
        );
      })}
    </svg>
  );
}

export const roundColourClass = (index: number) => `round-${index % COLOURS}`;
