import { auditWordKeys } from '../../../shared/audit-actions.ts';
import { type WordsLanguage, wordsIn } from '../../words.ts';

/**
 * The words of audit entries for what the server writes itself (the resident's export). They are
 * the web app's own words (src/web/i18n, keys in src/shared/audit-actions.ts), read from the same
 * files, so an action has one wording wherever it is shown. A key without words (an old row's
 * action) is shown as is.
 */
export type AuditWordsLanguage = WordsLanguage;

export function auditWords(language: AuditWordsLanguage) {
  const { say } = wordsIn(language);
  return {
    /** A job's or a form's label in words; a person's name as it is. */
    actor: (label: string) => {
      const key = auditWordKeys.actor(label);
      return key ? say(key, {}, label) : label;
    },
    action: (action: string) => say(auditWordKeys.action(action), {}, action),
    recordType: (recordType: string) => say(auditWordKeys.recordType(recordType), {}, recordType),
    purpose: (purpose: string) => say(auditWordKeys.purpose(purpose), {}, purpose),
  };
}
