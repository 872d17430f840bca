import { z } from 'zod';

export { languageChoices, languageName, spokenLanguages } from './spoken-languages.ts';

/**
 * A language code as stored (ISO 639-1 or -3, "nl", "tr", "prs"). Not limited to `spokenLanguages`:
 * a file may hold a language that the forms do not offer as a tick.
 */
export const languageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'a language code such as nl, tr or ar');
