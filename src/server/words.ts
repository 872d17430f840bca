import type { Language } from '../shared/interface-languages.ts';
import en from '../web/i18n/en.json' with { type: 'json' };
import fr from '../web/i18n/fr.json' with { type: 'json' };
import nl from '../web/i18n/nl.json' with { type: 'json' };

/**
 * The web app's words (src/web/i18n), for what the server writes itself in a reader's language:
 * the resident's printable export, the audit trail's words in it. One wording of a thing wherever
 * it is shown. E-mails keep their own texts beside their module (help.texts.ts).
 */
const files: Record<Language, unknown> = { nl, en, fr };

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

/**
 * `say(key, values)`: the words at `key` with `{{name}}` filled in (as i18next does), or
 * `fallback` (by default the key itself) when there are none, as for an old row's code.
 */
export function wordsIn(language: Language) {
  const tree = files[language];
  return {
    language,
    has: (key: string) => textAt(tree, key) !== undefined,
    say: (key: string, values: Record<string, string | number> = {}, fallback = key) => {
      const text = textAt(tree, key);
      if (text === undefined) return fallback;
      return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
        Object.hasOwn(values, name) ? String(values[name]) : whole,
      );
    },
  };
}
