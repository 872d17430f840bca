import { parse } from 'csv-parse/sync';
import proj4 from 'proj4';
import { type AddressFileReason, missingColumn, type ReasonParams } from '../../../shared/import-reasons.ts';
import { isPlausibleBelgianPostcode } from '../../../shared/postcodes.ts';
import type { ImportRowError } from '../../../shared/registry.schemas.ts';
import { addressKey } from './address-key.ts';

/**
 * Reads a CSV export of the Flemish address register (Adressenregister, formerly CRAB): decodes it,
 * finds the separator and the columns, converts coordinates to WGS84 and checks every row. Pure:
 * no database; the import service decides what to save.
 */

/** Belgian Lambert 72 (EPSG:31370), with the 7-parameter shift to WGS84. */
const LAMBERT72 =
  '+proj=lcc +lat_1=51.16666723333333 +lat_2=49.8333339 +lat_0=90 +lon_0=4.367486666666666 ' +
  '+x_0=150000.013 +y_0=5400088.438 +ellps=intl ' +
  '+towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747 +units=m +no_defs';
const toWgs84 = proj4(LAMBERT72, 'EPSG:4326');

export function lambert72ToWgs84(x: number, y: number): { lon: number; lat: number } {
  const [lon, lat] = toWgs84.forward([x, y]) as [number, number];
  return { lon, lat };
}

export function wgs84ToLambert72(lon: number, lat: number): { x: number; y: number } {
  const [x, y] = toWgs84.inverse([lon, lat]) as [number, number];
  return { x, y };
}

/** Belgium's bounding box, with a little margin. */
export function isInBelgium(lon: number, lat: number): boolean {
  return lon >= 2.5 && lon <= 6.45 && lat >= 49.45 && lat <= 51.55;
}

export type Encoding = 'utf-8' | 'windows-1252';

/** C0 controls other than tab and line ends, and the five bytes Windows-1252 leaves undefined. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(code)
    ) {
      return true;
    }
  }
  return false;
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252; null for other encodings. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  // UTF-16 without a BOM shows as NUL bytes between the letters.
  if (bytes.subarray(0, 200).includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    // Windows-1252 decodes any byte; control characters mean it was something else.
    if (hasControlCharacters(text)) return null;
    return { text, encoding: 'windows-1252' };
  }
}

/** The line (from 1) of the first NUL character in the text, or 0: PostgreSQL cannot store one. */
export function lineWithNul(text: string): number {
  const at = text.indexOf('\u0000');
  return at < 0 ? 0 : text.slice(0, at).split('\n').length;
}

/** The row error for a NUL character on a line, for both imports. */
export const nulCharacter = (row: number) => ({
  row,
  field: 'file',
  code: 'nul_character' as const,
  params: {},
  reason: 'this line holds a NUL character, which cannot be stored: the file may be damaged, or not text',
});

const columnNames = {
  street: ['straatnaam', 'street', 'straat', 'streetname', 'street_name'],
  houseNumber: ['huisnummer', 'housenumber', 'house_number', 'nummer', 'number', 'huisnr'],
  box: ['busnummer', 'box', 'bus', 'boxnumber', 'box_number', 'busnr'],
  postcode: ['postcode', 'postal_code', 'postalcode', 'zip', 'postinfo'],
  municipality: ['gemeentenaam', 'municipality', 'gemeente', 'city', 'municipality_name'],
  x: ['x', 'x_lambert72', 'lambert_x', 'x_coordinaat'],
  y: ['y', 'y_lambert72', 'lambert_y', 'y_coordinaat'],
  lon: ['lon', 'lng', 'longitude', 'x_wgs84'],
  lat: ['lat', 'latitude', 'y_wgs84'],
} as const;
type Column = keyof typeof columnNames;
const required: Column[] = ['street', 'houseNumber', 'postcode', 'municipality'];

export interface ParsedAddress {
  line: number;
  street: string;
  houseNumber: string;
  box: string;
  postcode: string;
  municipality: string;
  lat: number | null;
  lon: number | null;
  key: string;
}

export interface ParsedCsv {
  encoding: Encoding;
  separator: ';' | ',';
  coordinateSystem: 'lambert72' | 'wgs84' | 'none';
  rows: ParsedAddress[];
  /** Data rows in the file (valid or not). */
  total: number;
  errors: ImportRowError[];
}

const fileError = (
  reason: string,
  code: AddressFileReason,
  params: ReasonParams = {},
  field = 'file',
): ImportRowError => ({ row: 0, field, code, params, reason });

function failed(errors: ImportRowError[], encoding: Encoding = 'utf-8'): ParsedCsv {
  return { encoding, separator: ';', coordinateSystem: 'none', rows: [], total: 0, errors };
}

/** A number written with a decimal point or a decimal comma. */
function readNumber(value: string): number | null {
  const cleaned = value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

const MAX_ERRORS = 1000;

export function parseAddressCsv(bytes: Uint8Array): ParsedCsv {
  const decoded = decodeCsv(bytes);
  if (!decoded)
    return failed([
      fileError('unknown encoding: save the file as UTF-8 or Windows-1252', 'unknown_encoding'),
    ]);
  const { encoding } = decoded;
  const text = decoded.text.replace(/^\uFEFF/, '');
  const nulLine = lineWithNul(text);
  if (nulLine) return failed([nulCharacter(nulLine)], encoding);
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!headerLine.trim()) return failed([fileError('the file is empty', 'file_empty')], encoding);
  const semicolons = headerLine.split(';').length - 1;
  const commas = headerLine.split(',').length - 1;
  if (semicolons === 0 && commas === 0) {
    return failed(
      [
        fileError(
          'wrong separator: the header line must separate columns with ; or ,',
          'wrong_separator',
          {},
          'separator',
        ),
      ],
      encoding,
    );
  }
  const separator = semicolons >= commas ? ';' : ',';

  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return failed(
      [
        {
          row: line,
          field: 'file',
          code: 'not_csv',
          params: { detail: (error as Error).message },
          reason: `the file cannot be read as CSV: ${(error as Error).message}`,
        },
      ],
      encoding,
    );
  }
  const [header = [], ...data] = records;
  const position = new Map<Column, number>();
  header.forEach((name, index) => {
    const wanted = name.trim().toLowerCase().replaceAll(/\s+/g, '_');
    for (const [column, names] of Object.entries(columnNames) as [Column, readonly string[]][]) {
      if (names.includes(wanted) && !position.has(column)) position.set(column, index);
    }
  });
  const missing = required.filter((column) => !position.has(column));
  if (missing.length > 0) {
    const otherSeparator = separator === ';' ? ',' : ';';
    const wrongSeparator = header.length === 1 && headerLine.includes(otherSeparator);
    return failed(
      missing.map((column) => missingColumn(columnNames[column][0], column, wrongSeparator)),
      encoding,
    );
  }
  const hasLambert = position.has('x') && position.has('y');
  const hasWgs = position.has('lon') && position.has('lat');
  const coordinateSystem = hasWgs ? 'wgs84' : hasLambert ? 'lambert72' : 'none';

  const rows: ParsedAddress[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const cell = (record: string[], column: Column) => {
    const index = position.get(column);
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  data.forEach((record, index) => {
    const line = index + 2;
    const rowErrors: ImportRowError[] = [];
    const problem = (field: string, reason: string, code: AddressFileReason, params: ReasonParams = {}) =>
      rowErrors.push({ row: line, field, code, params, reason });
    const street = cell(record, 'street');
    const houseNumber = cell(record, 'houseNumber');
    const box = cell(record, 'box');
    const postcode = cell(record, 'postcode');
    const municipality = cell(record, 'municipality');
    if (!street) problem('street', 'the street is empty', 'empty');
    else if (street.length > 100) {
      problem('street', 'the street is longer than 100 characters', 'too_long', { count: 100 });
    }
    if (!houseNumber) problem('houseNumber', 'the house number is empty', 'empty');
    else if (houseNumber.length > 12) {
      problem('houseNumber', 'the house number is longer than 12 characters', 'too_long', { count: 12 });
    }
    if (box.length > 12) problem('box', 'the box is longer than 12 characters', 'too_long', { count: 12 });
    if (!isPlausibleBelgianPostcode(postcode)) {
      problem('postcode', `"${postcode}" is not a Belgian postcode`, 'not_a_postcode', { value: postcode });
    }
    if (!municipality) problem('municipality', 'the municipality is empty', 'empty');
    else if (municipality.length > 100) {
      problem('municipality', 'the municipality is longer than 100 characters', 'too_long', { count: 100 });
    }

    let lat: number | null = null;
    let lon: number | null = null;
    if (coordinateSystem !== 'none') {
      const [a, b] =
        coordinateSystem === 'wgs84'
          ? [cell(record, 'lon'), cell(record, 'lat')]
          : [cell(record, 'x'), cell(record, 'y')];
      if (a || b) {
        const first = readNumber(a);
        const second = readNumber(b);
        const field = coordinateSystem === 'wgs84' ? 'lon/lat' : 'x/y';
        if (first === null || second === null)
          problem(field, 'the coordinate is not a number', 'coordinate_not_a_number');
        else {
          const point =
            coordinateSystem === 'wgs84' ? { lon: first, lat: second } : lambert72ToWgs84(first, second);
          if (
            !Number.isFinite(point.lon) ||
            !Number.isFinite(point.lat) ||
            !isInBelgium(point.lon, point.lat)
          ) {
            problem(field, 'the coordinate lies outside Belgium', 'coordinate_outside_belgium');
          } else {
            lon = Math.round(point.lon * 1e7) / 1e7;
            lat = Math.round(point.lat * 1e7) / 1e7;
          }
        }
      }
    }
    const key = addressKey(street, houseNumber, box, postcode);
    if (rowErrors.length === 0) {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem('row', `the same address as line ${earlier}`, 'same_address', { line: earlier });
      } else seen.set(key, line);
    }
    if (rowErrors.length > 0) {
      if (errors.length < MAX_ERRORS) errors.push(...rowErrors.slice(0, MAX_ERRORS - errors.length));
      return;
    }
    rows.push({ line, street, houseNumber, box, postcode, municipality, lat, lon, key });
  });
  if (data.length === 0) errors.push(fileError('the file has a header but no addresses', 'no_rows'));
  return { encoding, separator, coordinateSystem, rows, total: data.length, errors };
}
