import type { i18n as I18n } from 'i18next';
import { auditWordKeys } from '../../../shared/audit-actions.ts';

/**
 * An audit entry's action, kind of record and purpose in the reader's language (keys in
 * src/shared/audit-actions.ts). A key without words (an old row's action) is shown as is.
 */
export function auditWords(i18n: Pick<I18n, 'exists' | 't'>) {
  const say = (key: string, fallback: string) => {
    if (!i18n.exists(key)) return fallback;
    const text: unknown = i18n.t(key, { returnObjects: true });
    // `signals.case` is a level of actions, not an action.
    return typeof text === 'string' ? text : fallback;
  };
  return {
    /** A job's or a form's label in words; a person's name as it is. */
    actor: (label: string) => {
      const key = auditWordKeys.actor(label);
      return key ? say(key, label) : label;
    },
    action: (action: string) => say(auditWordKeys.action(action), action),
    recordType: (recordType: string) => say(auditWordKeys.recordType(recordType), recordType),
    purpose: (purpose: string) => say(auditWordKeys.purpose(purpose), purpose),
  };
}
