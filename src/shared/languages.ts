import { z } from 'zod';

/**
 * The languages Genk's residents speak, offered as ticks wherever a form asks for languages (a person's
 * file, a Genk Helpt request or volunteer, a coaching referral or coach): Dutch and the other national
 * languages first, then the city's communities. ISO 639 codes; the names are not kept here but made by
 * `Intl.DisplayNames` in the interface language (`languageName` in the web).
 * Every code the forms ever offered stays in the list, so stored answers can still be shown ticked.
 */
export const spokenLanguages = [
  'nl',
  'fr',
  'en',
  'de',
  'tr',
  'ar',
  'zgh',
  'it',
  'el',
  'es',
  'pl',
  'ro',
  'bg',
  'uk',
  'ru',
  'fa',
  'prs',
  'ps',
  'so',
  'ti',
  'ln',
] as const;

/** The languages to offer in a form: the shared list, then any already chosen that it lacks. */
export function languageChoices(chosen: readonly string[] = []): string[] {
  return [...new Set<string>([...spokenLanguages, ...chosen])];
}

/**
 * A language code as stored (ISO 639-1 or -3, "nl", "tr", "prs"). Not limited to `spokenLanguages`:
 * a file may hold a language that the forms do not offer as a tick.
 */
export const languageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'a language code such as nl, tr or ar');
