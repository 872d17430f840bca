import { auditWordsFrom } from '../../../shared/audit-actions.ts';
import type { Language } from '../../../shared/interface-languages.ts';
import { wordsIn } from '../../words.ts';

/**
 * The words of audit entries for what the server writes itself (the resident's export). They are
 * the web app's own words (src/web/i18n, keys in src/shared/audit-actions.ts), read from the same
 * files, so an action has one wording wherever it is shown.
 */
export function auditWords(language: Language) {
  const { say } = wordsIn(language);
  return auditWordsFrom((key, fallback) => say(key, {}, fallback));
}
