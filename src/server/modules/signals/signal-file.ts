import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { brusselsDay } from '../../../shared/brussels.ts';
import { missingColumn, type ReasonParams, type SignalFileReason } from '../../../shared/import-reasons.ts';
import { isValidNationalNumber } from '../../../shared/national-number.ts';
import { normaliseText } from '../../../shared/normalise.ts';
import { isPlausibleBelgianPostcode } from '../../../shared/postcodes.ts';
import type { RowError, SignalInput } from '../../../shared/signals.schemas.ts';
import { decodeCsv, lineWithNul, nulCharacter } from '../registry/address-csv.ts';

/**
 * Reads a partner's spreadsheet of signals (CSV or Excel) into signals and row errors. Pure: no
 * database. Belgian files: `;` separators, decimal commas ("1.234,56"), dates as dd/mm/yyyy, UTF-8
 * with or without BOM or Windows-1252; column names in Dutch, English or French, in any order.
 */

const columnNames = {
  reference: [
    'referentie',
    'reference',
    'ref',
    'dossier',
    'dossiernummer',
    'klantnummer',
    'numero_de_dossier',
  ],
  kind: ['soort', 'type', 'kind', 'genre', 'sector', 'soort_signaal'],
  givenName: ['voornaam', 'given_name', 'first_name', 'firstname', 'prenom'],
  familyName: ['naam', 'achternaam', 'familienaam', 'family_name', 'last_name', 'lastname', 'surname', 'nom'],
  birthDate: [
    'geboortedatum',
    'birth_date',
    'birthdate',
    'date_of_birth',
    'date_de_naissance',
    'date_naissance',
  ],
  nationalNumber: ['rijksregisternummer', 'national_number', 'insz', 'rrn', 'numero_national', 'niss'],
  street: ['straat', 'straatnaam', 'street', 'rue'],
  houseNumber: ['huisnummer', 'nummer', 'house_number', 'number', 'numero'],
  box: ['bus', 'busnummer', 'box', 'boite'],
  postcode: ['postcode', 'postal_code', 'zip', 'code_postal'],
  municipality: ['gemeente', 'woonplaats', 'municipality', 'city', 'commune', 'localite'],
  amount: ['bedrag', 'openstaand_bedrag', 'amount', 'amount_owed', 'montant', 'montant_du'],
  arrearsSince: ['achterstand_sinds', 'sinds', 'arrears_since', 'since', 'depuis', 'arrieres_depuis'],
  plannedAction: ['geplande_actie', 'actie', 'planned_action', 'action', 'action_prevue'],
  plannedDate: ['datum_actie', 'actiedatum', 'planned_date', 'action_date', 'date_action', 'date_prevue'],
  phone: ['telefoon', 'gsm', 'phone', 'telephone'],
  email: ['e_mail', 'email', 'mail', 'courriel'],
} as const;
type Column = keyof typeof columnNames;
const required: Column[] = [
  'reference',
  'kind',
  'givenName',
  'familyName',
  'street',
  'houseNumber',
  'postcode',
  'municipality',
  'amount',
];

const kindWords: Record<string, SignalInput['kind']> = {
  energie: 'energy',
  energy: 'energy',
  gas: 'energy',
  elektriciteit: 'energy',
  electricity: 'energy',
  electricite: 'energy',
  water: 'water',
  eau: 'water',
  huur: 'rent',
  rent: 'rent',
  loyer: 'rent',
  huurachterstal: 'rent',
  uithuiszetting: 'eviction_petition',
  eviction: 'eviction_petition',
  eviction_petition: 'eviction_petition',
  expulsion: 'eviction_petition',
  ziekenfonds: 'health_insurance',
  mutualiteit: 'health_insurance',
  health_insurance: 'health_insurance',
  mutualite: 'health_insurance',
  mutuelle: 'health_insurance',
  andere: 'other',
  other: 'other',
  autre: 'other',
};
const actionWords: Record<string, SignalInput['plannedAction']> = {
  '': 'none',
  geen: 'none',
  none: 'none',
  aucune: 'none',
  afsluiting: 'disconnection',
  afsluiten: 'disconnection',
  disconnection: 'disconnection',
  coupure: 'disconnection',
  zitting: 'eviction_hearing',
  hearing: 'eviction_hearing',
  eviction_hearing: 'eviction_hearing',
  audience: 'eviction_hearing',
  andere: 'other',
  other: 'other',
  autre: 'other',
};

const key = (value: string) => normaliseText(value).replaceAll(' ', '_');

/** Thousands grouped by the other mark ("1.234" before ",56"). */
const grouped = { ',': /^\d{1,3}(,\d{3})*$/, '.': /^\d{1,3}(\.\d{3})*$/ };

/** Why a value is refused: in English, and as a code with the values its words need. */
export interface Refusal {
  error: string;
  code: SignalFileReason;
  params: ReasonParams;
}
const refuse = (error: string, code: SignalFileReason, params: ReasonParams = {}): Refusal => ({
  error,
  code,
  params,
});

const notAnAmount = (raw: string) => refuse(`"${raw}" is not an amount`, 'not_an_amount', { value: raw });

/**
 * An amount in euro as cents. The last of `.` and `,` is the decimal mark when both appear
 * ("1.234,56" and "1,234.56"); a lone comma is decimal ("12,5"); a lone dot followed by exactly
 * three digits groups thousands ("1.234"), otherwise it is decimal ("12.50").
 */
export function parseAmount(raw: string): { cents: number } | Refusal {
  const value = raw.replaceAll(/[\s€]|EUR/gi, '');
  if (!value) return refuse('the amount is empty', 'amount_empty');
  if (value.startsWith('-')) return refuse('an amount owed cannot be negative', 'amount_negative');
  if (!/^\d[\d.,]*$/.test(value)) return notAnAmount(raw);
  const lastDot = value.lastIndexOf('.');
  const lastComma = value.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const mark = Math.max(lastDot, lastComma);
    const group = mark === lastDot ? ',' : '.';
    integer = value.slice(0, mark);
    fraction = value.slice(mark + 1);
    if (!grouped[group].test(integer) || integer.includes(value[mark]!)) {
      return notAnAmount(raw);
    }
    integer = integer.replaceAll(group, '');
  } else if (lastComma >= 0) {
    if (value.indexOf(',') !== lastComma) {
      if (!/^\d{1,3}(,\d{3})+$/.test(value)) return notAnAmount(raw);
      integer = value.replaceAll(',', '');
    } else {
      integer = value.slice(0, lastComma);
      fraction = value.slice(lastComma + 1);
    }
  } else if (lastDot >= 0) {
    if (/^\d{1,3}(\.\d{3})+$/.test(value)) integer = value.replaceAll('.', '');
    else if (/^\d+\.\d{1,2}$/.test(value)) [integer, fraction] = value.split('.') as [string, string];
    else return notAnAmount(raw);
  } else {
    integer = value;
  }
  if (!/^\d+$/.test(integer) || !/^\d{0,2}$/.test(fraction)) return notAnAmount(raw);
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (cents > 100_000_000) return refuse('the amount is larger than EUR 1,000,000', 'amount_too_large');
  return { cents };
}

/** Dates repeat in a file (one arrears date, shared birth dates): each text is read once. */
const dateCache = new Map<string, { date: string | null } | Refusal>();

/** A date as dd/mm/yyyy (also with - or .) or yyyy-mm-dd; null when empty; an error when impossible. */
export function parseDate(raw: string): { date: string | null } | Refusal {
  let result = dateCache.get(raw);
  if (!result) {
    if (dateCache.size >= 50_000) dateCache.clear();
    result = readDate(raw);
    dateCache.set(raw, result);
  }
  return result;
}

function readDate(raw: string): { date: string | null } | Refusal {
  const value = raw.trim();
  if (!value) return { date: null };
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{4})-(\d{1,2})-(\d{1,2})(T.*)?$/.exec(value);
    if (!match) return refuse(`"${raw}" is not a date (dd/mm/yyyy)`, 'not_a_date', { value: raw });
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return refuse(`"${raw}" is a date that does not exist`, 'date_does_not_exist', { value: raw });
  }
  return { date: date.toISOString().slice(0, 10) };
}

const limits: [keyof SignalInput, string, number, number][] = [
  ['reference', 'the reference', 1, 100],
  ['givenName', 'the first name', 1, 100],
  ['familyName', 'the family name', 1, 100],
  ['street', 'the street', 1, 100],
  ['houseNumber', 'the house number', 1, 12],
  ['box', 'the box', 0, 12],
  ['municipality', 'the municipality', 1, 100],
  ['phone', 'the phone number', 0, 40],
  ['email', 'the e-mail address', 0, 200],
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = (field: string, reason: string, code: SignalFileReason, params?: ReasonParams) => void;

function checkRow(
  candidate: Omit<SignalInput, 'kind' | 'plannedAction'> & {
    kind: SignalInput['kind'] | undefined;
    plannedAction: SignalInput['plannedAction'] | undefined;
  },
  problem: Problem,
): SignalInput | null {
  let ok = true;
  for (const [field, label, min, max] of limits) {
    const value = (candidate[field] as string | null | undefined) ?? '';
    if (value.length < min) {
      problem(field, `${label} is empty`, 'empty');
      ok = false;
    } else if (value.length > max) {
      problem(field, `${label} is longer than ${max} characters`, 'too_long', { count: max });
      ok = false;
    }
  }
  if (!isPlausibleBelgianPostcode(candidate.postcode)) {
    problem('postcode', `"${candidate.postcode}" is not a Belgian postcode`, 'not_a_postcode', {
      value: candidate.postcode,
    });
    ok = false;
  }
  if (candidate.email && !EMAIL.test(candidate.email)) {
    problem('email', `"${candidate.email}" is not an e-mail address`, 'not_an_email', {
      value: candidate.email,
    });
    ok = false;
  }
  if (!ok || !candidate.kind || !candidate.plannedAction) return null;
  return candidate as SignalInput;
}

/** Fields split on the separator when no field is quoted (the usual export); csv-parse otherwise. */
function* splitSimple(text: string, separator: string): Generator<string[]> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (!line.trim()) continue;
    yield line.split(separator).map((value) => value.trim());
  }
}

/** Thrown by quotedRecords at anything unusual: csv-parse reads the file again and words the error. */
const UNUSUAL = new Error('unusual CSV');

/**
 * Fields of a file with quoted fields (RFC 4180: `""` inside quotes, separators and line breaks inside
 * quotes), trimmed, empty lines skipped. Throws UNUSUAL for text after a closing quote, a quote inside
 * an unquoted field or an unclosed quote. Records are handed out one by one: a million of them held
 * at once cost more in garbage collection than in splitting.
 */
function* quotedRecords(text: string, separator: string): Generator<string[]> {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let record: string[] = [];
  while (i < n || record.length > 0) {
    let start = i;
    while (start < n && text.charCodeAt(start) === 32) start++;
    let value: string;
    if (start < n && text.charCodeAt(start) === 34) {
      let k = start + 1;
      value = '';
      for (;;) {
        const quote = text.indexOf('"', k);
        if (quote < 0) throw UNUSUAL;
        if (text.charCodeAt(quote + 1) === 34) {
          value += text.slice(k, quote + 1);
          k = quote + 2;
        } else {
          value += text.slice(k, quote);
          k = quote + 1;
          break;
        }
      }
      while (k < n && text.charCodeAt(k) === 32) k++;
      i = k;
      value = value.trim();
    } else {
      let k = i;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c === sep || c === 10 || c === 13) break;
        if (c === 34) throw UNUSUAL;
      }
      value = text.slice(i, k).trim();
      i = k;
    }
    record.push(value);
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === sep) {
      i++;
      continue;
    }
    if (c !== 10 && c !== 13 && c !== -1) throw UNUSUAL;
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (record.length > 1 || record[0] !== '') yield record;
    record = [];
  }
}

/** All records of a quoted file, or null when csv-parse has to read it. */
export function splitQuoted(text: string, separator: string): string[][] | null {
  try {
    return [...quotedRecords(text, separator)];
  } catch (error) {
    if (error === UNUSUAL) return null;
    throw error;
  }
}

export interface ParsedSignal {
  row: number;
  input: SignalInput;
}

export interface ParsedSignalFile {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  separator: string | null;
  rows: ParsedSignal[];
  total: number;
  errors: RowError[];
}

const MAX_ERRORS = 1000;
const fileError = (
  reason: string,
  code: SignalFileReason,
  params: ReasonParams = {},
  field = 'file',
): RowError => ({ row: 0, field, code, params, reason });

function failed(
  format: 'csv' | 'xlsx',
  errors: RowError[],
  encoding: string | null = null,
): ParsedSignalFile {
  return { format, encoding, separator: null, rows: [], total: 0, errors };
}

function isZip(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value).trim();
}

/** Reads a CSV or XLSX file. The format is taken from the bytes, not from the name. */
export async function parseSignalFile(bytes: Uint8Array): Promise<ParsedSignalFile> {
  if (bytes.length === 0) return failed('csv', [fileError('the file is empty', 'file_empty')]);
  if (isZip(bytes)) {
    let records: string[][];
    try {
      const data = await readSheet(Buffer.from(bytes));
      records = data.map((row) => row.map(cellText));
    } catch {
      return failed('xlsx', [
        fileError('this is not a spreadsheet: save it as CSV or Excel (.xlsx)', 'not_a_spreadsheet'),
      ]);
    }
    return readRecords('xlsx', records, null, null);
  }
  const decoded = decodeCsv(bytes);
  if (!decoded) {
    return failed('csv', [
      fileError(
        'this is not a spreadsheet, or its encoding is unknown: save it as CSV (UTF-8) or Excel (.xlsx)',
        'unknown_encoding',
      ),
    ]);
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  const nulLine = lineWithNul(text);
  if (nulLine) return failed('csv', [nulCharacter(nulLine)], decoded.encoding);
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!headerLine.trim())
    return failed('csv', [fileError('the file is empty', 'file_empty')], decoded.encoding);
  const counts = {
    ';': headerLine.split(';').length - 1,
    ',': headerLine.split(',').length - 1,
    '\t': headerLine.split('\t').length - 1,
  };
  const separator = (
    Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![1] > 0
      ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0]
      : null
  ) as ';' | ',' | '\t' | null;
  if (!separator) {
    return failed(
      'csv',
      [
        fileError(
          'wrong separator: the header line must separate columns with ; or ,',
          'wrong_separator',
          {},
          'separator',
        ),
      ],
      decoded.encoding,
    );
  }
  if (!text.includes('"'))
    return readRecords('csv', splitSimple(text, separator), decoded.encoding, separator);
  try {
    return readRecords('csv', quotedRecords(text, separator), decoded.encoding, separator);
  } catch (error) {
    if (error !== UNUSUAL) throw error;
  }
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return failed(
      'csv',
      [
        {
          row: line,
          field: 'file',
          code: 'not_csv',
          params: { detail: (error as Error).message },
          reason: `the file cannot be read as CSV: ${(error as Error).message}`,
        },
      ],
      decoded.encoding,
    );
  }
  return readRecords('csv', records, decoded.encoding, separator);
}

function readRecords(
  format: 'csv' | 'xlsx',
  records: Iterable<string[]>,
  encoding: string | null,
  separator: string | null,
): ParsedSignalFile {
  // Today in Brussels: a birth date or the start of arrears after it is refused on its line.
  const today = brusselsDay(0);
  const iterator = records[Symbol.iterator]();
  const header: string[] = iterator.next().value ?? [];
  const position = new Map<Column, number>();
  header.forEach((name, index) => {
    const wanted = key(name);
    for (const [column, names] of Object.entries(columnNames) as [Column, readonly string[]][]) {
      if (names.includes(wanted) && !position.has(column)) position.set(column, index);
    }
  });
  const missing = required.filter((column) => !position.has(column));
  if (missing.length > 0) {
    const wrongSeparator = header.length === 1 && /[;,]/.test(header[0] ?? '');
    return {
      format,
      encoding,
      separator,
      rows: [],
      total: [...{ [Symbol.iterator]: () => iterator }].length,
      errors: missing.map((column) => missingColumn(columnNames[column][0], column, wrongSeparator)),
    };
  }
  const rows: ParsedSignal[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const cell = (record: string[], column: Column) => {
    const index = position.get(column);
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  // One reporter for all rows (a closure made per row costs more than the row's checks).
  let rowErrors: RowError[] = [];
  let line = 0;
  const problem: Problem = (field, reason, code, params = {}) => {
    rowErrors.push({ row: line, field, code, params, reason });
  };
  let total = 0;
  for (let record = iterator.next(); !record.done; record = iterator.next()) {
    total++;
    signalRow(record.value, total + 1);
  }
  function signalRow(record: string[], row: number): void {
    if (record.every((value) => !value.trim())) return;
    rowErrors = [];
    line = row;
    const kindText = key(cell(record, 'kind'));
    const kind = kindWords[kindText];
    if (!kind)
      problem(
        'kind',
        `"${cell(record, 'kind')}" is not a known kind (energy, water, rent, eviction, health insurance, other)`,
        'unknown_kind',
        { value: cell(record, 'kind') },
      );
    const actionText = key(cell(record, 'plannedAction'));
    const plannedAction = actionWords[actionText];
    if (!plannedAction)
      problem(
        'plannedAction',
        `"${cell(record, 'plannedAction')}" is not a known action (disconnection, hearing)`,
        'unknown_action',
        { value: cell(record, 'plannedAction') },
      );
    const amount = parseAmount(cell(record, 'amount'));
    if ('error' in amount) problem('amount', amount.error, amount.code, amount.params);
    const dates: Record<'birthDate' | 'arrearsSince' | 'plannedDate', string | null> = {
      birthDate: null,
      arrearsSince: null,
      plannedDate: null,
    };
    for (const field of ['birthDate', 'arrearsSince', 'plannedDate'] as const) {
      const parsed = parseDate(cell(record, field));
      if ('error' in parsed) problem(field, parsed.error, parsed.code, parsed.params);
      else if (field !== 'plannedDate' && parsed.date && parsed.date > today) {
        // A birth date or the start of the arrears has happened: one after today is a typing error.
        problem(field, `"${cell(record, field)}" is after today`, 'date_in_future', {
          value: cell(record, field),
        });
      } else dates[field] = parsed.date;
    }
    const nationalNumber = cell(record, 'nationalNumber') || null;
    if (nationalNumber && !isValidNationalNumber(nationalNumber)) {
      problem('nationalNumber', 'this is not a valid national register number', 'not_a_national_number');
    }
    if (rowErrors.length === 0) {
      const candidate = {
        reference: cell(record, 'reference'),
        kind,
        givenName: cell(record, 'givenName'),
        familyName: cell(record, 'familyName'),
        birthDate: dates.birthDate,
        nationalNumber,
        street: cell(record, 'street'),
        houseNumber: cell(record, 'houseNumber'),
        box: cell(record, 'box'),
        postcode: cell(record, 'postcode'),
        municipality: cell(record, 'municipality'),
        amountCents: 'cents' in amount ? amount.cents : 0,
        arrearsSince: dates.arrearsSince,
        plannedAction,
        plannedDate: dates.plannedDate,
        phone: cell(record, 'phone') || null,
        email: cell(record, 'email') || null,
      };
      // The same rules as signalInputSchema, checked by hand: zod per row costs more than the rest of the read.
      const parsed = checkRow(candidate, problem);
      if (parsed) {
        if (parsed.plannedAction !== 'none' && !parsed.plannedDate) {
          problem('plannedDate', 'a planned action needs its date', 'action_needs_date');
        }
        const earlier = seen.get(parsed.reference);
        if (earlier !== undefined) {
          problem('reference', `the same reference as line ${earlier}`, 'same_reference', { line: earlier });
        } else seen.set(parsed.reference, line);
        if (rowErrors.length === 0) rows.push({ row: line, input: parsed });
      }
    }
    if (rowErrors.length > 0 && errors.length < MAX_ERRORS) {
      errors.push(...rowErrors.slice(0, MAX_ERRORS - errors.length));
    }
  }
  if (total === 0) errors.push(fileError('the file has a header but no signals', 'no_rows'));
  return { format, encoding, separator, rows, total, errors };
}
