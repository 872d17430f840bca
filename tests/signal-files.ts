import { strToU8, zipSync } from 'fflate';

/** Spreadsheets of signals as partners send them, for tests, the browser journey and the benchmark. */

export const dutchHeader = [
  'Referentie',
  'Soort',
  'Voornaam',
  'Naam',
  'Geboortedatum',
  'Rijksregisternummer',
  'Straat',
  'Huisnummer',
  'Bus',
  'Postcode',
  'Gemeente',
  'Bedrag',
  'Achterstand sinds',
  'Geplande actie',
  'Datum actie',
  'Telefoon',
];

export interface SignalRow {
  reference: string;
  kind?: string;
  givenName: string;
  familyName: string;
  birthDate?: string;
  nationalNumber?: string;
  street: string;
  houseNumber: string;
  box?: string;
  postcode?: string;
  municipality?: string;
  amount: string;
  arrearsSince?: string;
  action?: string;
  actionDate?: string;
  phone?: string;
}

export function rowValues(row: SignalRow): string[] {
  return [
    row.reference,
    row.kind ?? 'energie',
    row.givenName,
    row.familyName,
    row.birthDate ?? '',
    row.nationalNumber ?? '',
    row.street,
    row.houseNumber,
    row.box ?? '',
    row.postcode ?? '3600',
    row.municipality ?? 'Genk',
    row.amount,
    row.arrearsSince ?? '',
    row.action ?? '',
    row.actionDate ?? '',
    row.phone ?? '',
  ];
}

export function signalCsv(rows: SignalRow[], separator = ';', header = dutchHeader): string {
  const quote = (value: string) => (/[;,"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows.map(rowValues)].map((line) => line.map(quote).join(separator)).join('\r\n');
}

/** A minimal Excel workbook (one sheet, inline strings) built by hand. */
export function signalXlsx(cells: (string | number)[][]): Uint8Array {
  const column = (index: number) => String.fromCharCode(65 + (index % 26)).padStart(index >= 26 ? 2 : 1, 'A');
  const escapeXml = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const rows = cells
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((value, c) =>
            typeof value === 'number'
              ? `<c r="${column(c)}${r + 1}"><v>${value}</v></c>`
              : `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Signalen" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    ),
  });
}
