import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv, lambert72ToWgs84, parseAddressCsv, wgs84ToLambert72 } from './address-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 for the Latin-1 range, which is all these tests use. */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('decoding an address file', () => {
  it('reads UTF-8 with and without BOM, and Windows-1252', () => {
    expect(decodeCsv(utf8('straat;Ç'))).toEqual({ text: 'straat;Ç', encoding: 'utf-8' });
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('é')]))?.text).toBe('é');
    expect(decodeCsv(cp1252('Rue de l’Église é'.replace('’', "'")))).toMatchObject({
      encoding: 'windows-1252',
    });
    expect(decodeCsv(cp1252('Brugstraat ë'))?.text).toBe('Brugstraat ë');
  });

  it('refuses UTF-16 and binary files', () => {
    expect(decodeCsv(Uint8Array.from([0xff, 0xfe, 0x73, 0x00]))).toBeNull();
    expect(decodeCsv(Uint8Array.from([0x73, 0x00, 0x74, 0x00]))).toBeNull();
  });
});

describe('Lambert 72', () => {
  it('places Genk where it is', () => {
    const { lon, lat } = lambert72ToWgs84(229465, 184466);
    expect(lon).toBeCloseTo(5.5, 3);
    expect(lat).toBeCloseTo(50.965, 3);
  });

  it('goes there and back within a centimetre', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2.6, max: 6.3, noNaN: true }),
        fc.double({ min: 49.5, max: 51.5, noNaN: true }),
        (lon, lat) => {
          const { x, y } = wgs84ToLambert72(lon, lat);
          const back = lambert72ToWgs84(x, y);
          expect(Math.abs(back.lon - lon)).toBeLessThan(1e-7);
          expect(Math.abs(back.lat - lat)).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('parsing the address register export', () => {
  const header = 'straatnaam;huisnummer;busnummer;postcode;gemeentenaam;x;y';

  it('reads rows with Lambert 72 coordinates and decimal commas', () => {
    const parsed = parseAddressCsv(
      utf8(`${header}\nStalenstraat;12;;3600;Genk;229465,5;184466,2\nStalenstraat;12;1;3600;Genk;;\n`),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed).toMatchObject({ separator: ';', coordinateSystem: 'lambert72', total: 2 });
    expect(parsed.rows[0]).toMatchObject({ line: 2, street: 'Stalenstraat', houseNumber: '12', box: '' });
    expect(parsed.rows[0]!.lon).toBeCloseTo(5.5, 3);
    expect(parsed.rows[1]).toMatchObject({ box: '1', lat: null, lon: null });
  });

  it('reads comma-separated WGS84 files in Windows-1252', () => {
    const text =
      "street,house_number,box,postcode,municipality,lon,lat\r\nHoeverweg,5,,3600,Genk,5.47,50.97\r\nRue de l'Église,3,,4000,Liège,5.57,50.63\r\n";
    const parsed = parseAddressCsv(cp1252(text));
    expect(parsed).toMatchObject({ encoding: 'windows-1252', separator: ',', coordinateSystem: 'wgs84' });
    expect(parsed.rows.map((r) => r.municipality)).toEqual(['Genk', 'Liège']);
  });

  it('names the line of a NUL character further down the file, which could not be stored', () => {
    const lines = ['straatnaam;huisnummer;postcode;gemeentenaam'];
    for (let n = 1; n <= 30; n++)
      lines.push(n === 22 ? 'Hoeverweg;2\u00002;3600;Genk' : `Hoeverweg;${n};3600;Genk`);
    const parsed = parseAddressCsv(utf8(lines.join('\n')));
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ row: 23, field: 'file', code: 'nul_character' }),
    ]);
  });

  it('reports a wrong separator, an unknown encoding and missing columns for the whole file', () => {
    expect(parseAddressCsv(utf8('straatnaam\thuisnummer\npad\t1')).errors[0]).toMatchObject({
      row: 0,
      field: 'separator',
      code: 'wrong_separator',
    });
    expect(parseAddressCsv(Uint8Array.from([0xff, 0xfe, 0x41, 0x00])).errors[0]).toMatchObject({
      code: 'unknown_encoding',
      reason: expect.stringMatching(/encoding/),
    });
    const missing = parseAddressCsv(utf8('straatnaam;huisnummer;gemeentenaam\nA;1;Genk'));
    expect(missing.errors).toEqual([
      {
        row: 0,
        field: 'postcode',
        code: 'missing_column',
        params: { column: 'postcode' },
        reason: 'missing column "postcode"',
      },
    ]);
    // A header quoted whole, so it reads as one column.
    const quoted = utf8('"straatnaam;huisnummer;postcode,gemeentenaam"\n"A;1;3600,Genk"');
    expect(parseAddressCsv(quoted).errors[0]).toMatchObject({
      code: 'missing_column',
      params: { column: 'straatnaam', hint: 'separator' },
    });
    expect(parseAddressCsv(utf8('')).errors[0]!.code).toBe('file_empty');
    expect(parseAddressCsv(utf8(`${header}\n`)).errors[0]!.code).toBe('no_rows');
  });

  it('names the line, field and reason of every bad row', () => {
    const parsed = parseAddressCsv(
      utf8(
        [
          header,
          'Stalenstraat;12;;3600;Genk;229465;184466',
          ';3;;3600;Genk;;',
          'Weg;4;;0999;Genk;;',
          'Weg;5;;3600;Genk;10;10',
          'Weg;6;;3600;Genk;abc;1',
          'stalenstraat;12;;3600;Genk;;',
        ].join('\n'),
      ),
    );
    expect(parsed.errors).toEqual([
      { row: 3, field: 'street', code: 'empty', params: {}, reason: 'the street is empty' },
      {
        row: 4,
        field: 'postcode',
        code: 'not_a_postcode',
        params: { value: '0999' },
        reason: '"0999" is not a Belgian postcode',
      },
      {
        row: 5,
        field: 'x/y',
        code: 'coordinate_outside_belgium',
        params: {},
        reason: 'the coordinate lies outside Belgium',
      },
      {
        row: 6,
        field: 'x/y',
        code: 'coordinate_not_a_number',
        params: {},
        reason: 'the coordinate is not a number',
      },
      {
        row: 7,
        field: 'row',
        code: 'same_address',
        params: { line: 2 },
        reason: 'the same address as line 2',
      },
    ]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parsed = parseAddressCsv(bytes);
        expect(parsed.rows.length + parsed.errors.length).toBeGreaterThanOrEqual(parsed.total > 0 ? 1 : 0);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseAddressCsv(utf8(`${header}\n${text}`));
      }),
    );
  });
});
