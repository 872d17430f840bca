/**
 * A count with its noun in the English words the server writes for people (error messages, records):
 * counted(1, 'visit', 'visits') is "1 visit", counted(2, 'visit', 'visits') is "2 visits". The web app's
 * own words have plural forms in src/web/i18n.
 */
export const counted = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;
