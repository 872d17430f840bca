import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { helpProgrammeName } from '../../shared/help.programme.ts';
import { isLanguage, type Language, languages, locales } from '../../shared/interface-languages.ts';
import nl from './nl.json';

export { isLanguage, type Language, languages, locales };

const STORAGE_KEY = 'samen.language';

/** The language chosen on this device, if the person ever chose one. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this visit only.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'nl';
}

const initial = storedLanguage() ?? 'nl';

/**
 * Dutch, the default and the fallback, comes with the app; English and French words (over 100 KB
 * each) are fetched when chosen, so a first visit downloads one language.
 */
const otherLanguages: Record<Exclude<Language, 'nl'>, () => Promise<{ default: typeof nl }>> = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
};

async function loadLanguage(language: Language): Promise<void> {
  if (language === 'nl' || i18n.hasResourceBundle(language, 'translation')) return;
  const { default: words } = await otherLanguages[language]();
  i18n.addResourceBundle(language, 'translation', words);
}

/** Switches the interface language once its words are here; false (and no switch) when they cannot be fetched. */
let latestChoice = 0;

export async function changeLanguage(language: Language): Promise<boolean> {
  const choice = ++latestChoice;
  try {
    await loadLanguage(language);
  } catch {
    return false;
  }
  // Two quick choices load side by side: the last one chosen wins, not the last one to arrive.
  if (choice !== latestChoice) return true;
  await i18n.changeLanguage(language);
  return true;
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl } },
  lng: initial,
  fallbackLng: 'nl',
  supportedLngs: [...languages],
  // {{programme}}: the municipality's own name for volunteer help ("Genk Helpt", "As Helpt"), set
  // as soon as the municipality is known (setMunicipality).
  interpolation: { escapeValue: false, defaultVariables: { programme: helpProgrammeName(null) } },
});

/**
 * The words of the language this device chose, before the app first shows; Dutch when they cannot
 * be fetched. After init: before it, i18next has no resource store to ask.
 */
export const languageReady: Promise<void> = loadLanguage(initial).catch(() => {
  void i18n.changeLanguage('nl');
});

/**
 * Names the municipality the texts speak for: the signed-in person's, or the one chosen on a public
 * page. Call it while rendering, before the texts that use it; it changes nothing when it is the same.
 */
export function setMunicipality(municipality: string | null) {
  const interpolation = i18n.options.interpolation ?? {};
  const programme = helpProgrammeName(municipality);
  if (interpolation.defaultVariables?.programme === programme) return;
  interpolation.defaultVariables = { ...interpolation.defaultVariables, programme };
  i18n.options.interpolation = interpolation;
}

document.documentElement.lang = initial;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locales[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export default i18n;
