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

/**
 * The part of Samen an action belongs to, by the first part of its key: a module's own name
 * (registry.modules.*), or administration for the platform's own steps.
 */
const actionGroups: Record<string, string> = {
  help: 'registry.modules.help',
  coaching: 'registry.modules.coaching',
  signals: 'registry.modules.signals',
  outreach: 'registry.modules.outreach',
  auth: 'registry.modules.identity',
  users: 'registry.modules.identity',
  person: 'registry.modules.registry',
  household: 'registry.modules.registry',
  consent: 'registry.modules.registry',
  access_grant: 'registry.modules.registry',
  legal_hold: 'registry.modules.registry',
  timeline: 'registry.modules.registry',
  address: 'registry.modules.registry',
  addresses: 'registry.modules.registry',
  neighbourhood: 'registry.modules.registry',
  registry: 'registry.modules.registry',
};

/** The translation key of the group an audit action is listed under on the audit page. */
export function auditActionGroup(action: string): string {
  return actionGroups[action.split('.')[0]!] ?? 'audit.groupPlatform';
}
