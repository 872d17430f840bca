import { describe, expect, it } from 'vitest';
import {
  auditActions,
  auditPurposes,
  auditRecordTypes,
  systemActors,
} from '../../../shared/audit-actions.ts';
import { auditWords } from './audit.words.ts';

describe('audit words on the server', () => {
  for (const language of ['nl', 'en', 'fr'] as const) {
    it(`reads the web app's ${language} words for every action, kind of record and purpose`, () => {
      const words = auditWords(language);
      expect(auditActions.filter((action) => words.action(action) === action)).toEqual([]);
      expect(auditRecordTypes.filter((type) => words.recordType(type) === type)).toEqual([]);
      expect(auditPurposes.filter((purpose) => words.purpose(purpose) === purpose)).toEqual([]);
      expect(Object.keys(systemActors).filter((label) => words.actor(label) === label)).toEqual([]);
    });
  }

  it('words an entry, and shows a key without words as it is', () => {
    expect(auditWords('nl').action('person.read')).toBe('Dossier geopend');
    expect(auditWords('en').action('person.exported')).toBe('Overview of all data made');
    expect(auditWords('en').purpose('residents_rights')).toBe("The resident's request about their data");
    expect(auditWords('en').action('signals.case')).toBe('signals.case');
    expect(auditWords('en').action('old.action')).toBe('old.action');
  });
});
