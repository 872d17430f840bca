import type { FormErrors } from '@mantine/form';
import { z } from 'zod';
import { isValidNationalNumber } from '../../../shared/national-number.ts';
import {
  birthDateSchema,
  contactChannels,
  contactPointSchema,
  languageCodeSchema,
  nationalNumberSchema,
  personCreateSchema,
  postcodeSchema,
} from '../../../shared/registry.schemas.ts';
import { ApiError } from '../../api.ts';

/**
 * The person form checks exactly what the API checks, with the shared zod schemas; only the
 * messages differ: each rule's message maps to a translation key, so residents' data is judged
 * the same way in the browser and on the server.
 */
const messageKeys: Record<string, string> = {
  'a date as YYYY-MM-DD': 'registry.errors.dateFormat',
  'not a date that exists': 'registry.errors.dateNotReal',
  'a birth date cannot be in the future': 'registry.errors.birthDateFuture',
  'a birth date before 1900 is not plausible': 'registry.errors.birthDateTooOld',
  'a language code such as nl, tr or ar': 'registry.errors.languageCode',
  'four digits': 'registry.errors.postcodeDigits',
  'not a Belgian postcode': 'registry.errors.postcodeNotBelgian',
  'eleven digits': 'registry.errors.nationalNumberDigits',
  'cannot be in the future': 'registry.errors.notInFuture',
  'cannot be in the past': 'registry.errors.notInPast',
  'not before 1900': 'registry.errors.notBefore1900',
  'an e-mail address': 'registry.errors.emailAddress',
  'this is not a valid national register number (check digits)': 'registry.errors.nationalNumberChecksum',
};

interface IssueLike {
  code?: string;
  message?: string;
  minimum?: unknown;
}

/** The translation key for a validation message from a shared schema or from the API. */
export function keyForIssue(issue: IssueLike): string {
  const known = issue.message ? messageKeys[issue.message] : undefined;
  if (known) return known;
  // Messages written by the form schema itself are translation keys already.
  if (issue.message && /^(registry\.)?errors\.[A-Za-z.]+$/.test(issue.message)) return issue.message;
  if (
    /check|checksum|control/i.test(issue.message ?? '') &&
    /national|register|number/i.test(issue.message ?? '')
  )
    return 'registry.errors.nationalNumberChecksum';
  if (issue.code === 'too_small')
    return Number(issue.minimum) <= 1 ? 'errors.required' : 'registry.errors.tooShort';
  if (issue.code === 'too_big') return 'registry.errors.tooLong';
  if (/too small|>=1 characters/i.test(issue.message ?? '')) return 'errors.required';
  if (/too big/i.test(issue.message ?? '')) return 'registry.errors.tooLong';
  return 'errors.fieldInvalid';
}

/** Accepts the way people write dates here (25/03/1984, 25-3-1984) as well as 1984-03-25. */
export function toIsoDate(value: string): string {
  const trimmed = value.trim();
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** 1984-03-25 as 25/03/1984 for the form. */
export function fromIsoDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** A text field checked with a shared schema; empty means "not given" unless required. */
function checkedBy(schema: z.ZodType, { required = false, prepare = (v: string) => v } = {}) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() === '') {
      if (required) ctx.addIssue({ code: 'custom', message: 'errors.required' });
      return;
    }
    const result = schema.safeParse(prepare(value));
    if (!result.success) {
      const issue = result.error.issues[0] as IssueLike | undefined;
      ctx.addIssue({ code: 'custom', message: keyForIssue(issue ?? {}) });
    }
  });
}

export type ContactKind = (typeof contactPointSchema.shape.channel.options)[number];

export interface PersonFormValues {
  givenName: string;
  familyName: string;
  otherNames: string;
  birthDate: string;
  languages: string[];
  preferredLanguage: string;
  contacts: { channel: ContactKind; value: string; label: string }[];
  contactPreferences: string[];
  nationalNumber: string;
  address: { street: string; houseNumber: string; box: string; postcode: string; municipality: string };
}

const fields = personCreateSchema.shape;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const personFormSchema = z
  .object({
    givenName: checkedBy(fields.givenName, { required: true }),
    familyName: checkedBy(fields.familyName, { required: true }),
    otherNames: checkedBy(z.string().trim().max(200)),
    birthDate: checkedBy(birthDateSchema, { prepare: toIsoDate }),
    languages: z.array(z.string()),
    preferredLanguage: checkedBy(languageCodeSchema),
    contacts: z.array(
      z.object({ channel: z.string(), value: z.string(), label: z.string() }).superRefine((contact, ctx) => {
        if (contact.value.trim() === '') {
          ctx.addIssue({ code: 'custom', message: 'errors.required', path: ['value'] });
          return;
        }
        if (contact.channel === 'email' && !EMAIL.test(contact.value.trim())) {
          ctx.addIssue({ code: 'custom', message: 'errors.emailInvalid', path: ['value'] });
          return;
        }
        if (contact.channel !== 'email' && !/^[+\d][\d\s./()-]{5,}$/.test(contact.value.trim())) {
          ctx.addIssue({ code: 'custom', message: 'registry.errors.phoneInvalid', path: ['value'] });
          return;
        }
        const result = contactPointSchema.safeParse({ channel: contact.channel, value: contact.value });
        if (!result.success) {
          ctx.addIssue({
            code: 'custom',
            message: keyForIssue((result.error.issues[0] as IssueLike) ?? {}),
            path: ['value'],
          });
        }
      }),
    ),
    contactPreferences: z.array(z.enum(contactChannels)),
    nationalNumber: checkedBy(
      nationalNumberSchema.refine(isValidNationalNumber, 'registry.errors.nationalNumberChecksum'),
    ),
    address: z.object({
      street: z.string(),
      houseNumber: z.string(),
      box: z.string(),
      postcode: z.string(),
      municipality: z.string(),
    }),
  })
  .superRefine((values, ctx) => {
    const a = values.address;
    const anyGiven = [a.street, a.houseNumber, a.box, a.postcode].some((v) => v.trim() !== '');
    if (!anyGiven) return;
    for (const key of ['street', 'houseNumber', 'municipality'] as const) {
      if (a[key].trim() === '')
        ctx.addIssue({ code: 'custom', message: 'errors.required', path: ['address', key] });
    }
    if (a.postcode.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.required', path: ['address', 'postcode'] });
    } else {
      const result = postcodeSchema.safeParse(a.postcode);
      if (!result.success) {
        ctx.addIssue({
          code: 'custom',
          message: keyForIssue((result.error.issues[0] as IssueLike) ?? {}),
          path: ['address', 'postcode'],
        });
      }
    }
  });

/** Mantine form's validate function: the form schema's issues as translation keys per field. */
export function validatePersonForm(values: PersonFormValues): FormErrors {
  const result = personFormSchema.safeParse(values);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (!errors[path]) errors[path] = keyForIssue(issue as IssueLike);
  }
  return errors;
}

/** The API's field errors (VALIDATION_FAILED details) as translation keys per form field. */
export function serverFormErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return {};
  const errors: FormErrors = {};
  for (const item of error.details as { field?: unknown; message?: unknown }[]) {
    const field = typeof item?.field === 'string' ? item.field : '';
    if (!field || errors[field]) continue;
    errors[field] = keyForIssue({ message: typeof item.message === 'string' ? item.message : '' });
  }
  return errors;
}

export const emptyPersonForm: PersonFormValues = {
  givenName: '',
  familyName: '',
  otherNames: '',
  birthDate: '',
  languages: [],
  preferredLanguage: '',
  contacts: [],
  contactPreferences: [],
  nationalNumber: '',
  address: { street: '', houseNumber: '', box: '', postcode: '', municipality: '' },
};

const blank = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The POST /api/persons body for the form's values. */
export function toCreateBody(values: PersonFormValues, confirmNotDuplicate = false) {
  return {
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
    otherNames: blank(values.otherNames),
    birthDate: values.birthDate.trim() ? toIsoDate(values.birthDate) : undefined,
    languages: values.languages,
    preferredLanguage: blank(values.preferredLanguage),
    contacts: values.contacts.map((c) => ({
      channel: c.channel,
      value: c.value.trim(),
      label: blank(c.label),
    })),
    contactPreferences: values.contactPreferences as (typeof contactChannels)[number][],
    nationalNumber: blank(values.nationalNumber),
    confirmNotDuplicate,
  } satisfies z.input<typeof personCreateSchema>;
}

/** The PATCH body: only what changed; an emptied optional field is cleared with null. */
export function toPatchBody(values: PersonFormValues, initial: PersonFormValues) {
  const body: Record<string, unknown> = {};
  const text = (key: 'givenName' | 'familyName') => {
    if (values[key].trim() !== initial[key].trim()) body[key] = values[key].trim();
  };
  text('givenName');
  text('familyName');
  if (values.otherNames.trim() !== initial.otherNames.trim())
    body.otherNames = blank(values.otherNames) ?? null;
  if (toIsoDate(values.birthDate) !== toIsoDate(initial.birthDate))
    body.birthDate = values.birthDate.trim() ? toIsoDate(values.birthDate) : null;
  if (JSON.stringify(values.languages) !== JSON.stringify(initial.languages))
    body.languages = values.languages;
  if (values.preferredLanguage !== initial.preferredLanguage)
    body.preferredLanguage = blank(values.preferredLanguage) ?? null;
  if (JSON.stringify(values.contacts) !== JSON.stringify(initial.contacts))
    body.contacts = values.contacts.map((c) => ({
      channel: c.channel,
      value: c.value.trim(),
      label: blank(c.label),
    }));
  if (JSON.stringify(values.contactPreferences) !== JSON.stringify(initial.contactPreferences))
    body.contactPreferences = values.contactPreferences;
  if (values.nationalNumber.trim() !== '') body.nationalNumber = values.nationalNumber.trim();
  return body;
}
