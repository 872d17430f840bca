import { ApiError } from '../../api.ts';
import { type FieldErrors, serverErrors } from '../help/validation.ts';
import { fieldErrors } from './coachingApi.ts';

/** A number typed in a field; an empty field stays empty so the schema can say it is required. */
export const numberOf = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** Empty fields get "fill this in" rather than "this is not right". */
export function requireFilled(errors: FieldErrors, values: Record<string, string>): FieldErrors {
  const out = { ...errors };
  for (const [field, value] of Object.entries(values)) {
    if (out[field] && value.trim() === '') out[field] = 'errors.required';
  }
  return out;
}

/** The API's refusal, beside the field: validation details, or a conflict naming its field. */
export function apiFieldErrors(error: unknown, known: Record<string, string> = {}): FieldErrors {
  const validation = serverErrors(error);
  if (Object.keys(validation).length > 0) return validation;
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out = fieldErrors(error);
  for (const item of error.details as { field?: string; reason?: string }[]) {
    if (item?.field && item.reason && known[item.reason]) out[item.field] = known[item.reason]!;
  }
  return out;
}
