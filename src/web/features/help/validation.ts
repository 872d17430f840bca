import type { z } from 'zod';
import { helpMessages } from '../../../shared/help.messages.ts';
import { ApiError } from '../../api.ts';

const messageKeys: Record<string, string> = {
  [helpMessages.slotOrder]: 'help.errors.slotOrder',
  [helpMessages.slotOverlap]: 'help.errors.slotOverlap',
  [helpMessages.slotRange]: 'help.errors.slotRange',
  [helpMessages.distanceRange]: 'help.errors.distanceRange',
  [helpMessages.dateFormat]: 'help.errors.date',
  [helpMessages.dateNotReal]: 'help.errors.date',
  [helpMessages.dateMissing]: 'help.errors.dateMissing',
  [helpMessages.phoneShort]: 'help.errors.phoneShort',
  [helpMessages.inPast]: 'help.errors.inPast',
  [helpMessages.timeInPast]: 'help.errors.timeInPast',
  [helpMessages.rangeOrder]: 'help.errors.rangeOrder',
  [helpMessages.rangeTooLong]: 'help.errors.rangeTooLong',
  [helpMessages.chooseOne]: 'help.errors.chooseOne',
  [helpMessages.capacityRange]: 'help.errors.capacityRange',
  [helpMessages.hoursPerDay]: 'help.errors.hoursPerDay',
  [helpMessages.dayFull]: 'help.errors.dayFull',
  [helpMessages.hoursSince]: 'help.errors.hoursSince',
  [helpMessages.beforeHelp]: 'help.errors.beforeHelp',
  [helpMessages.tooFarAhead]: 'help.errors.tooFarAhead',
  [helpMessages.inFuture]: 'help.errors.inFuture',
  [helpMessages.noDayInRange]: 'help.errors.noDayInRange',
};

/** The translation key for one validation message, from the shared schema or from the API. */
export function keyFor(field: string, message: string, code?: string): string {
  if (messageKeys[message]) return messageKeys[message]!;
  // The municipality of a public form is chosen from a list, as on the sign-in page.
  if (field === 'tenant') return 'signIn.municipalityNeeded';
  // The neighbourhood is chosen from a list: missing or not one of them, the answer is to choose one.
  if (field === 'areaId' || field === 'homeAreaId') return 'help.errors.chooseArea';
  if (field === 'helpType') return 'help.errors.chooseType';
  if (field === 'email' || /email/i.test(message)) return 'errors.emailInvalid';
  if (field === 'consentGiven') return 'help.errors.consent';
  if (code === 'too_small' || /too small|expected string, received undefined/i.test(message))
    return 'errors.required';
  return 'errors.fieldInvalid';
}

export type FieldErrors = Record<string, string>;

/** Checks a form's value with the API's own schema: field path → translation key. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { data?: z.infer<S>; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (!errors[field]) errors[field] = keyFor(field, issue.message, issue.code);
  }
  return { errors };
}

/** The API's validation details, mapped the same way. */
export function serverErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return {};
  const errors: FieldErrors = {};
  for (const item of error.details as { field?: string; message?: string }[]) {
    const field = String(item.field ?? '');
    if (field && !errors[field]) errors[field] = keyFor(field, String(item.message ?? ''));
  }
  return errors;
}

/** The first error at this field or below it ("slots.1" for "slots.1.end"). */
export function errorAt(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested ? errors[nested] : undefined;
}
