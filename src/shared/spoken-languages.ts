/*
 * The languages the forms offer and their names, without zod: the public ask-for-help page loads this
 * on its first visit, and its validation rules only when the form is sent.
 */

/**
 * The languages Genk's residents speak, offered as ticks wherever a form asks for languages (a person's
 * file, a Genk Helpt request or volunteer, a coaching referral or coach): Dutch and the other national
 * languages first, then the city's communities. ISO 639 codes ('ber' is Tamazight, the Berber languages
 * of Morocco's Rif and Atlas); their names come from `languageName` below.
 * Every code the forms ever offered stays in the list, so stored answers can still be shown ticked.
 */
export const spokenLanguages = [
  'nl',
  'fr',
  'en',
  'de',
  'tr',
  'ar',
  'ber',
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

/**
 * Names for the codes that browsers' and Node's built-in language names lack (Chromium has no name for
 * 'ber' or 'zgh'), so the forms do not show a bare code. Other names are not kept here.
 */
const ownNames: Record<string, Record<'nl' | 'en' | 'fr', string>> = {
  ber: { nl: 'Tamazight (Berbers)', en: 'Tamazight (Berber)', fr: 'tamazight (berbère)' },
};

/**
 * The name of a language code in a locale ("tr" in nl-BE → "Turks"): `Intl.DisplayNames`, or one of
 * `ownNames` where the runtime has none; the code itself when nothing names it.
 */
export function languageName(code: string, locale: string): string {
  const own = ownNames[code]?.[locale.slice(0, 2) as 'nl' | 'en' | 'fr'];
  if (own) return own;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages to offer in a form: the shared list, then any already chosen that it lacks. */
export function languageChoices(chosen: readonly string[] = []): string[] {
  return [...new Set<string>([...spokenLanguages, ...chosen])];
}
