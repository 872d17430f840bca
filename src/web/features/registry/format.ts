import { languageName as nameOfLanguage } from '../../../shared/languages.ts';
import type { PersonSummary } from '../../../shared/registry.schemas.ts';
import { currentLanguage, locales } from '../../i18n/index.ts';

export function fullName(person: Pick<PersonSummary, 'givenName' | 'familyName' | 'otherNames'>): string {
  return [person.givenName, person.otherNames, person.familyName].filter(Boolean).join(' ');
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locales[currentLanguage()], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** A month ("2026-08") in the interface language: "augustus 2026". */
export function formatMonth(value: string): string {
  if (!/^\d{4}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(locales[currentLanguage()], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${value}-15T12:00:00Z`));
}

/** The name of a language code in the interface language ("tr" → "Turks"). */
export function languageName(code: string): string {
  return nameOfLanguage(code, locales[currentLanguage()]);
}
