import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditPurposes,
  auditRecordTypes,
  systemActors,
} from '../../../shared/audit-actions.ts';
import { i18nInAllLanguages } from '../../i18n/i18n.testing.ts';
import { auditActionGroup, auditWords } from './auditWords.ts';

let i18n: Awaited<ReturnType<typeof i18nInAllLanguages>>;
beforeAll(async () => {
  i18n = await i18nInAllLanguages();
});

const wordsIn = (language: string) =>
  auditWords({
    exists: (key: string) => i18n.exists(key, { lng: language }),
    t: i18n.getFixedT(language),
  } as never);

describe('words of the audit trail', () => {
  for (const language of ['nl', 'en', 'fr']) {
    it(`${language} has words for every action, kind of record and purpose the server writes`, () => {
      const words = wordsIn(language);
      expect(auditActions.filter((action) => words.action(action) === action)).toEqual([]);
      expect(auditRecordTypes.filter((type) => words.recordType(type) === type)).toEqual([]);
      expect(auditPurposes.filter((purpose) => words.purpose(purpose) === purpose)).toEqual([]);
      expect(Object.keys(systemActors).filter((label) => words.actor(label) === label)).toEqual([]);
    });
  }

  it("words a job's label, and leaves a person's name as it is", () => {
    expect(wordsIn('nl').actor('retention sweep')).toBe('Opruimen na de bewaartermijn');
    expect(wordsIn('fr').actor('family (feedback link)')).toBe('Famille (lien pour un avis)');
    expect(wordsIn('nl').actor('Sofie Maatschappelijk Werker')).toBe('Sofie Maatschappelijk Werker');
    // An inherited property is no label of ours.
    expect(wordsIn('nl').actor('constructor')).toBe('constructor');
  });

  it('says each action differently, so the filter can tell them apart', () => {
    for (const language of ['nl', 'en', 'fr']) {
      const words = wordsIn(language);
      const said = auditActions.map((action) => words.action(action));
      expect(said.filter((text, i) => said.indexOf(text) !== i)).toEqual([]);
    }
  });

  it('says an entry in the reader’s language and shows a key without words as it is', () => {
    const nlWords = wordsIn('nl');
    expect(nlWords.action('auth.login')).toBe('Aangemeld');
    expect(nlWords.action('person.read')).toBe('Dossier geopend');
    expect(nlWords.action('help.need_status')).toBe('Status van een hulpvraag gewijzigd');
    expect(nlWords.recordType('help_need')).toBe('Hulpvraag');
    // A purpose for opening a person page has its words under registry.purposes.
    expect(nlWords.purpose('contact')).toBe('Contact met de inwoner');
    expect(nlWords.purpose('early_signals')).toBe('Vroege signalen');
    expect(wordsIn('fr').action('person.read')).toBe('Dossier ouvert');
    expect(nlWords.action('test.rolled_back')).toBe('test.rolled_back');
    expect(nlWords.action('signals.case')).toBe('signals.case');
    expect(nlWords.purpose('retired_purpose')).toBe('retired_purpose');
  });
});

describe('groups of the audit page', () => {
  it('lists each action under a part of Samen that has words, and the platform’s own steps apart', () => {
    const groups = new Set(auditActions.map(auditActionGroup));
    for (const language of ['nl', 'en', 'fr'])
      expect([...groups].filter((key) => !i18n.exists(key, { lng: language }))).toEqual([]);
    expect(auditActionGroup('help.accepted')).toBe('registry.modules.help');
    expect(auditActionGroup('auth.login')).toBe('registry.modules.identity');
    expect(auditActionGroup('person.read')).toBe('registry.modules.registry');
    expect(auditActionGroup('retention.sweep')).toBe('audit.groupPlatform');
    // Every part of Samen that writes actions has its own group, not the platform's.
    expect(groups.size).toBeGreaterThanOrEqual(7);
  });
});
