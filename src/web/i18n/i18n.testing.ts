import { createInstance } from 'i18next';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';

/** For tests: an i18next instance with the app's words in all three languages, Dutch first. */
export async function i18nInAllLanguages() {
  const i18n = createInstance();
  await i18n.init({
    resources: { nl: { translation: nl }, en: { translation: en }, fr: { translation: fr } },
    lng: 'nl',
    interpolation: { escapeValue: false },
  });
  return i18n;
}
