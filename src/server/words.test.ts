import { describe, expect, it } from 'vitest';
import { isLanguage } from '../shared/interface-languages.ts';
import { wordsIn } from './words.ts';

describe("the web app's words on the server", () => {
  it('reads words by key and fills in their values', () => {
    expect(wordsIn('nl').say('registry.export.title', { municipality: 'Genk' })).toBe('Je gegevens bij Genk');
    expect(wordsIn('fr').say('registry.export.title', { municipality: 'As' })).toBe('Vos données chez As');
    expect(wordsIn('en').say('registry.channels.phone')).toBe('Phone');
  });

  it('keeps a placeholder it has no value for, and falls back where there are no words', () => {
    expect(wordsIn('nl').say('registry.export.title')).toBe('Je gegevens bij {{municipality}}');
    expect(wordsIn('nl').say('registry.channels.pigeon')).toBe('registry.channels.pigeon');
    expect(wordsIn('nl').say('registry.channels.pigeon', {}, 'pigeon')).toBe('pigeon');
    // A level of keys is not words.
    expect(wordsIn('nl').has('registry.channels')).toBe(false);
    expect(wordsIn('nl').has('registry.channels.email')).toBe(true);
  });

  it('knows its languages', () => {
    expect(['nl', 'en', 'fr', 'de', null].map(isLanguage)).toEqual([true, true, true, false, false]);
  });
});
