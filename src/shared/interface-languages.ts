/**
 * The languages Samen speaks itself (its pages, e-mails and the resident's printable export): Dutch
 * first. Without zod, so the web app's first download can take it.
 */
export const languages = ['nl', 'en', 'fr'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Locale for dates and numbers per interface language. */
export const locales: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };
