import { auditWordKeys } from '../../../shared/audit-actions.ts';
import en from '../../../web/i18n/en.json' with { type: 'json' };
import fr from '../../../web/i18n/fr.json' with { type: 'json' };
import nl from '../../../web/i18n/nl.json' with { type: 'json' };

/**
 * The words of audit entries for what the server writes itself (the resident's export). They are
 * the web app's own words (src/web/i18n, keys in src/shared/audit-actions.ts), read from the same
 * files, so an action has one wording wherever it is shown. A key without words (an old row's
 * action) is shown as is.
 */
export type AuditWordsLanguage = 'nl' | 'en' | 'fr';

const files: Record<AuditWordsLanguage, unknown> = { nl, en, fr };

function textAt(tree: unknown, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );
  return typeof value === 'string' ? value : undefined;
}

export function auditWords(language: AuditWordsLanguage) {
  const tree = files[language];
  return {
    action: (action: string) => textAt(tree, auditWordKeys.action(action)) ?? action,
    recordType: (recordType: string) => textAt(tree, auditWordKeys.recordType(recordType)) ?? recordType,
    purpose: (purpose: string) => textAt(tree, auditWordKeys.purpose(purpose)) ?? purpose,
  };
}
