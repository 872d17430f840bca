import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageChoices, languageCodeSchema, languageName, spokenLanguages } from './languages.ts';

/** The lists the person form and the Genk Helpt and coaching forms each kept before there was one. */
const registryFormBefore = [
  'nl',
  'fr',
  'en',
  'tr',
  'ar',
  'it',
  'pl',
  'ro',
  'bg',
  'es',
  'de',
  'ru',
  'uk',
  'fa',
  'ps',
  'so',
  'ti',
];
const helpAndCoachingFormsBefore = [
  'nl',
  'fr',
  'en',
  'de',
  'tr',
  'ar',
  'it',
  'pl',
  'el',
  'es',
  'ro',
  'uk',
  'ru',
  'prs',
  'ps',
  'ln',
];

/** Every language code the demo seeds store: in `languages: [...]` and `preferredLanguage: '..'`. */
function seededCodes(): string[] {
  const dir = join(import.meta.dirname, '../server/db/seed');
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test.'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [, list] of source.matchAll(/languages: \[([^\]]*)\]/g))
      for (const [, code] of list!.matchAll(/'([a-z]{2,3})'/g)) codes.add(code!);
    for (const [, code] of source.matchAll(/preferredLanguage: '([a-z]{2,3})'/g)) codes.add(code!);
  }
  return [...codes];
}

describe('the one list of spoken languages', () => {
  it('keeps every code the forms offered before', () => {
    expect(spokenLanguages).toEqual(
      expect.arrayContaining([...registryFormBefore, ...helpAndCoachingFormsBefore]),
    );
  });

  it('offers every language the demo seeds store', () => {
    const seeded = seededCodes();
    expect(seeded.length).toBeGreaterThan(10);
    expect(spokenLanguages).toEqual(expect.arrayContaining(seeded));
  });

  it('names the languages Genk’s residents speak, Dutch first, each once', () => {
    expect(spokenLanguages[0]).toBe('nl');
    expect(new Set(spokenLanguages).size).toBe(spokenLanguages.length);
    for (const code of [
      'tr',
      'ar',
      'it',
      'pl',
      'el',
      'es',
      'ber',
      'prs',
      'ps',
      'fa',
      'so',
      'ti',
      'bg',
      'ro',
      'uk',
      'ru',
      'ln',
    ])
      expect(spokenLanguages).toContain(code);
  });

  it('holds only codes the server accepts and that have a name in Dutch, English and French', () => {
    for (const code of spokenLanguages) {
      expect(languageCodeSchema.parse(code)).toBe(code);
      for (const locale of ['nl-BE', 'en-GB', 'fr-BE']) {
        expect(languageName(code, locale), `${code} in ${locale}`).not.toBe(code);
      }
    }
  });

  it('names Tamazight itself, as browsers do not, and leaves other names to Intl', () => {
    expect(languageName('ber', 'nl-BE')).toBe('Tamazight (Berbers)');
    expect(languageName('ber', 'fr')).toBe('tamazight (berbère)');
    expect(languageName('tr', 'nl-BE')).toBe('Turks');
    expect(languageName('xx', 'nl-BE')).toBe('xx');
  });

  it('adds a chosen language the list lacks at the end, and nothing twice', () => {
    expect(languageChoices()).toEqual([...spokenLanguages]);
    expect(languageChoices(['tr', 'sq'])).toEqual([...spokenLanguages, 'sq']);
  });
});
