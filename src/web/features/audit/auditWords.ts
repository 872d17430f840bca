import type { i18n as I18n } from 'i18next';
import { auditWordsFrom } from '../../../shared/audit-actions.ts';

/**
 * An audit entry's actor, action, kind of record and purpose in the reader's language (keys in
 * src/shared/audit-actions.ts). A key without words (an old row's action) is shown as is.
 */
export function auditWords(i18n: Pick<I18n, 'exists' | 't'>) {
  return auditWordsFrom((key, fallback) => {
    if (!i18n.exists(key)) return fallback;
    const text: unknown = i18n.t(key, { returnObjects: true });
    // `signals.case` is a level of actions, not an action.
    return typeof text === 'string' ? text : fallback;
  });
}
