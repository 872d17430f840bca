import { describe, expect, it } from 'vitest';
import { dutchHeader, rowValues, signalCsv, signalXlsx } from '../../../../tests/signal-files.ts';
import { makeNationalNumber } from '../../../shared/national-number.ts';
import { parseAmount, parseDate, parseSignalFile, type Refusal } from './signal-file.ts';

const good = {
  reference: 'E-1',
  givenName: 'Ayşe',
  familyName: 'Öztürk',
  birthDate: '14/03/1985',
  street: 'Stalenstraat',
  houseNumber: '12',
  amount: '1.234,56',
  action: 'afsluiting',
  actionDate: '15/01/2027',
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('amounts', () => {
  it.each([
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['12,5', 1250],
    ['12.50', 1250],
    ['1.234', 123400],
    ['€ 87', 8700],
    ['0', 0],
  ])('reads %s', (raw, cents) => {
    expect(parseAmount(raw)).toEqual({ cents });
  });
  it.each([
    ['-5', 'negative', 'amount_negative', {}],
    ['abc', 'not an amount', 'not_an_amount', { value: 'abc' }],
    ['1.2.3', 'not an amount', 'not_an_amount', { value: '1.2.3' }],
    ['1,23,4.5', 'not an amount', 'not_an_amount', { value: '1,23,4.5' }],
    ['', 'empty', 'amount_empty', {}],
    ['2.000.000', 'larger', 'amount_too_large', {}],
  ])('refuses %s', (raw, reason, code, params) => {
    const refused = parseAmount(raw) as Refusal;
    expect(refused.error).toContain(reason);
    expect(refused).toMatchObject({ code, params });
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy and yyyy-mm-dd', () => {
    expect(parseDate('05/03/2026')).toEqual({ date: '2026-03-05' });
    expect(parseDate('5-3-2026')).toEqual({ date: '2026-03-05' });
    expect(parseDate('2026-03-05')).toEqual({ date: '2026-03-05' });
    expect(parseDate('')).toEqual({ date: null });
  });
  it('refuses dates that do not exist', () => {
    expect(parseDate('31/02/2026')).toMatchObject({
      code: 'date_does_not_exist',
      params: { value: '31/02/2026' },
    });
    expect(parseDate('2026-13-01')).toMatchObject({ code: 'date_does_not_exist' });
    expect(parseDate('tomorrow')).toMatchObject({ code: 'not_a_date', params: { value: 'tomorrow' } });
    expect(parseDate('tomorrow')).toHaveProperty('error');
  });
});

describe('signal spreadsheets', () => {
  it('reads a Belgian CSV: semicolons, decimal commas, dd/mm/yyyy, with a BOM', async () => {
    const parsed = await parseSignalFile(bytes(`\uFEFF${signalCsv([good])}`));
    expect(parsed.errors).toEqual([]);
    expect(parsed.separator).toBe(';');
    expect(parsed.rows[0]!.input).toMatchObject({
      reference: 'E-1',
      kind: 'energy',
      givenName: 'Ayşe',
      birthDate: '1985-03-14',
      amountCents: 123456,
      plannedAction: 'disconnection',
      plannedDate: '2027-01-15',
    });
  });

  it('reads Windows-1252', async () => {
    const text = signalCsv([good]);
    const latin = Uint8Array.from([...text].map((c) => (c === 'ş' ? 0x73 : c.charCodeAt(0))));
    const parsed = await parseSignalFile(latin);
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.rows[0]!.input.familyName).toBe('Öztürk');
  });

  it('refuses mixed encodings as unknown rather than guessing letters', async () => {
    const utf8 = bytes(signalCsv([good]));
    const mixed = new Uint8Array([...utf8, ...bytes('\r\nE-2;water;'), 0xd6, 0x01, ...bytes(';x')]);
    const parsed = await parseSignalFile(mixed);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors[0]!.reason).toMatch(/encoding/);
    expect(parsed.errors[0]!.code).toBe('unknown_encoding');
  });

  it('names the line of a NUL character past the start of the file', async () => {
    const text = signalCsv([good, good, good]).replace(/Öztürk(?![\s\S]*Öztürk)/, 'Özt\u0000ürk');
    const parsed = await parseSignalFile(bytes(text));
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 4, code: 'nul_character' })]);
  });

  it('takes columns in any order and in French or English', async () => {
    const french = [
      'montant',
      'nom',
      'prénom',
      'référence',
      'genre',
      'rue',
      'numéro',
      'code postal',
      'commune',
    ];
    const csv = `${french.join(';')}\r\n"1.234,56";Dupont;Marie;F-1;eau;Rue Haute;3;3600;Genk`;
    const parsed = await parseSignalFile(bytes(csv));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.input).toMatchObject({
      reference: 'F-1',
      kind: 'water',
      familyName: 'Dupont',
      amountCents: 123456,
    });
    const english =
      'reference,kind,first_name,last_name,street,number,postcode,municipality,amount\r\nX-1,rent,Tom,Peeters,Main,1,3600,Genk,"1,234.56"';
    expect((await parseSignalFile(bytes(english))).rows[0]!.input.amountCents).toBe(123456);
  });

  it('names a missing required column', async () => {
    const header = dutchHeader.filter((h) => h !== 'Bedrag');
    const csv = [
      header.join(';'),
      rowValues(good)
        .filter((_, i) => dutchHeader[i] !== 'Bedrag')
        .join(';'),
    ].join('\n');
    const parsed = await parseSignalFile(bytes(csv));
    expect(parsed.errors).toEqual([
      {
        row: 0,
        field: 'amount',
        code: 'missing_column',
        params: { column: 'bedrag' },
        reason: 'missing column "bedrag"',
      },
    ]);
  });

  it('recognises a wrong separator', async () => {
    const parsed = await parseSignalFile(bytes(signalCsv([good], '|')));
    expect(parsed.errors[0]).toMatchObject({ field: 'separator', code: 'wrong_separator' });
    // Each line quoted whole: one column that holds the separator, so every column is "missing".
    const quoted = await parseSignalFile(bytes('"Referentie;Soort;Naam"\n"E-1;energie;Peeters"'));
    expect(quoted.errors[0]).toMatchObject({
      code: 'missing_column',
      params: { column: 'referentie', hint: 'separator' },
    });
  });

  it('reports each bad row with its line, field and reason', async () => {
    const parsed = await parseSignalFile(
      bytes(
        signalCsv([
          good,
          { ...good, reference: 'E-2', amount: '-5' },
          { ...good, reference: 'E-3', amount: 'abc' },
          { ...good, reference: 'E-4', birthDate: '31/02/2026' },
          { ...good, reference: 'E-5', actionDate: '2026-13-01' },
          { ...good, reference: 'E-6', nationalNumber: '85031412345' },
          { ...good, reference: 'E-7', kind: 'pizza' },
          { ...good, reference: 'E-1' },
          { ...good, reference: 'E-9', nationalNumber: makeNationalNumber('1985-03-14', 12) },
        ]),
      ),
    );
    expect(parsed.rows.map((r) => r.input.reference)).toEqual(['E-1', 'E-9']);
    expect(parsed.errors.map((e) => [e.row, e.field, e.code, e.params])).toEqual([
      [3, 'amount', 'amount_negative', {}],
      [4, 'amount', 'not_an_amount', { value: 'abc' }],
      [5, 'birthDate', 'date_does_not_exist', { value: '31/02/2026' }],
      [6, 'plannedDate', 'date_does_not_exist', { value: '2026-13-01' }],
      [7, 'nationalNumber', 'not_a_national_number', {}],
      [8, 'kind', 'unknown_kind', { value: 'pizza' }],
      [9, 'reference', 'same_reference', { line: 2 }],
    ]);
    expect(parsed.errors.at(-1)!.reason).toBe('the same reference as line 2');
  });

  it('reads an Excel workbook', async () => {
    const parsed = await parseSignalFile(
      signalXlsx([
        [
          'Referentie',
          'Soort',
          'Voornaam',
          'Naam',
          'Straat',
          'Huisnummer',
          'Postcode',
          'Gemeente',
          'Bedrag',
          'Datum actie',
          'Geplande actie',
        ],
        [
          'X-1',
          'water',
          'Jan',
          'Peeters',
          'Dorpsstraat',
          '4',
          '3600',
          'Genk',
          250.5,
          '01/12/2026',
          'afsluiting',
        ],
      ]),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.rows[0]!.input).toMatchObject({
      reference: 'X-1',
      amountCents: 25050,
      plannedDate: '2026-12-01',
    });
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await parseSignalFile(png)).errors[0]!.reason).toMatch(/not a spreadsheet/);
    expect((await parseSignalFile(png)).errors[0]!.code).toBe('unknown_encoding');
    const zip = signalXlsx([]).slice(0, 40);
    expect((await parseSignalFile(zip)).errors[0]!.reason).toMatch(/not a spreadsheet/);
    expect((await parseSignalFile(zip)).errors[0]!.code).toBe('not_a_spreadsheet');
  });

  it('codes the checks of a row’s text fields and of the whole file', async () => {
    const parsed = await parseSignalFile(
      bytes(
        signalCsv([
          { ...good, reference: 'E-1', givenName: '' },
          { ...good, reference: 'E-2', box: 'x'.repeat(13) },
          { ...good, reference: 'E-3', postcode: '36' },
          { ...good, reference: 'E-4', action: 'brand' },
          { ...good, reference: 'E-5', postcode: '0000' },
          { ...good, reference: 'E-6', birthDate: '01/01/2090' },
        ]),
      ),
    );
    expect(parsed.errors.map((e) => [e.row, e.field, e.code, e.params])).toEqual([
      [2, 'givenName', 'empty', {}],
      [3, 'box', 'too_long', { count: 12 }],
      [4, 'postcode', 'not_a_postcode', { value: '36' }],
      [5, 'plannedAction', 'unknown_action', { value: 'brand' }],
      [6, 'postcode', 'not_a_postcode', { value: '0000' }],
      [7, 'birthDate', 'date_in_future', { value: '01/01/2090' }],
    ]);
    expect((await parseSignalFile(new Uint8Array())).errors[0]!.code).toBe('file_empty');
    expect((await parseSignalFile(bytes(dutchHeader.join(';')))).errors).toMatchObject([
      { row: 0, field: 'file', code: 'no_rows', params: {} },
    ]);
  });
});
