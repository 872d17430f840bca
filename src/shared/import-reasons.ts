import { z } from 'zod';

/**
 * Why a row of an imported file (signals, addresses) is refused, as a stable code. The server sends
 * the code with its parameters beside an English `reason`; the web says it in the reader's language
 * (keys `signals.upload.reasons.<code>` and `registry.import.reasons.<code>`), and falls back to the
 * English reason for a code it has no words for. A code is added here first, then its words.
 */
const commonReasons = [
  /** The file has no bytes, or no header line. */
  'file_empty',
  /** Neither UTF-8 nor Windows-1252 (UTF-16, a picture, …). */
  'unknown_encoding',
  /** The header line has neither `;` nor `,`. */
  'wrong_separator',
  /** csv-parse refused the text (an unclosed quote, …); `params.detail` is its English message. */
  'not_csv',
  /** A NUL character on the line (`row`): it cannot be stored, and text files do not hold one. */
  'nul_character',
  /** `params.column`: the expected column name; `params.hint = 'separator'` when the separator looks wrong. */
  'missing_column',
  /** A header but no data rows. */
  'no_rows',
  'empty',
  /** `params.count`: the most characters allowed. */
  'too_long',
  /** `params.value`: what the file said. */
  'not_a_postcode',
] as const;

export const signalFileReasons = [
  ...commonReasons,
  /** A ZIP that is no Excel workbook. */
  'not_a_spreadsheet',
  /** `params.value` */
  'not_an_email',
  /** `params.value` */
  'unknown_kind',
  /** `params.value` */
  'unknown_action',
  'amount_empty',
  'amount_negative',
  /** `params.value` */
  'not_an_amount',
  'amount_too_large',
  /** `params.value` */
  'not_a_date',
  /** `params.value` */
  'date_does_not_exist',
  /** `params.value`: a birth date or the start of the arrears after today. */
  'date_in_future',
  'not_a_national_number',
  'action_needs_date',
  /** `params.line`: the earlier line (file) or position (API batch) with this reference. */
  'same_reference',
  /** `params.postcode`: outside the postcodes the API key may send for. */
  'postcode_not_allowed',
] as const;
export type SignalFileReason = (typeof signalFileReasons)[number];

export const addressFileReasons = [
  ...commonReasons,
  'coordinate_not_a_number',
  'coordinate_outside_belgium',
  /** `params.line`: the earlier line with this address. */
  'same_address',
] as const;
export type AddressFileReason = (typeof addressFileReasons)[number];

/** Values the words of a code fill in: a column name, a line number, the value the file held. */
export type ReasonParams = Record<string, string | number>;
export const reasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * A column the header lacks, as every import says it: the expected name, and a hint when the
 * header is one cell holding the other separator (a file saved with `,` read as `;`, or back).
 */
export function missingColumn(column: string, field: string, wrongSeparator: boolean) {
  const params: ReasonParams = wrongSeparator ? { column, hint: 'separator' } : { column };
  return {
    row: 0,
    field,
    code: 'missing_column' as const,
    params,
    reason: `missing column "${column}"${wrongSeparator ? ' (wrong separator?)' : ''}`,
  };
}
