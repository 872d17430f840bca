import type { committeeDecisions, committeeRequests } from '../../../shared/signals.schemas.ts';

/**
 * The words of what the signals module writes outside the web app — the committee's minutes and
 * the deadline e-mail — in the reader's language. Dutch first; the web app's own words live in
 * src/web/i18n.
 */
export type TextLanguage = 'nl' | 'en' | 'fr';

interface Texts {
  minutesTitle: (date: string) => string;
  committee: (municipality: string) => string;
  meetingOf: (date: string, location: string | null) => string;
  columns: [string, string, string, string, string];
  winterBan: string;
  notDecided: string;
  unanimous: string;
  byMajority: string;
  request: Record<(typeof committeeRequests)[number], string>;
  decision: Record<(typeof committeeDecisions)[number], string>;
  overdueSubject: string;
  overdueBody: (link: string) => string;
}

const texts: Record<TextLanguage, Texts> = {
  nl: {
    minutesTitle: (date) => `Verslag van de lokale adviescommissie, ${date}`,
    committee: (municipality) => `Lokale adviescommissie — ${municipality}`,
    meetingOf: (date, location) => `Vergadering van ${date}${location ? `, ${location}` : ''}.`,
    columns: ['#', 'Gezin', 'Vraag', 'Beslissing', 'Opmerking'],
    winterBan: 'Winterstop: geen afsluiting vóór 1 maart',
    notDecided: 'nog niet beslist',
    unanimous: 'eenparig',
    byMajority: 'bij meerderheid',
    request: { disconnection: 'afsluiting', eviction: 'uithuiszetting', other: 'andere vraag' },
    decision: { approved: 'goedgekeurd', refused: 'geweigerd', postponed: 'uitgesteld' },
    overdueSubject: 'Samen: een vroeg signaal wacht langer dan de termijn',
    overdueBody: (link) => `Binnen de termijn heeft nog niemand contact opgenomen. Open het dossier: ${link}`,
  },
  en: {
    minutesTitle: (date) => `Minutes of the local advisory committee, ${date}`,
    committee: (municipality) => `Local advisory committee — ${municipality}`,
    meetingOf: (date, location) => `Meeting of ${date}${location ? `, ${location}` : ''}.`,
    columns: ['#', 'Household', 'Request', 'Decision', 'Note'],
    winterBan: 'Winter ban: no disconnection before 1 March',
    notDecided: 'not decided',
    unanimous: 'unanimous',
    byMajority: 'by majority',
    request: { disconnection: 'disconnection', eviction: 'eviction', other: 'other request' },
    decision: { approved: 'approved', refused: 'refused', postponed: 'postponed' },
    overdueSubject: 'Samen: an early signal waits past its deadline',
    overdueBody: (link) => `Nobody has reached out yet within the deadline. Open the case: ${link}`,
  },
  fr: {
    minutesTitle: (date) => `Procès-verbal du comité consultatif local, ${date}`,
    committee: (municipality) => `Comité consultatif local — ${municipality}`,
    meetingOf: (date, location) => `Réunion du ${date}${location ? `, ${location}` : ''}.`,
    columns: ['#', 'Ménage', 'Demande', 'Décision', 'Remarque'],
    winterBan: 'Trêve hivernale : pas de coupure avant le 1er mars',
    notDecided: 'pas encore décidé',
    unanimous: "à l'unanimité",
    byMajority: 'à la majorité',
    request: { disconnection: 'coupure', eviction: 'expulsion', other: 'autre demande' },
    decision: { approved: 'approuvé', refused: 'refusé', postponed: 'reporté' },
    overdueSubject: 'Samen : un signal précoce attend au-delà du délai',
    overdueBody: (link) => `Personne n'a encore pris contact dans le délai. Ouvrez le dossier : ${link}`,
  },
};

/** The language we write in for a reader: theirs when we have it, else Dutch. */
export function textLanguage(language: string): TextLanguage {
  return language in texts ? (language as TextLanguage) : 'nl';
}

export function signalTexts(language: string): Texts {
  return texts[textLanguage(language)];
}

/** A request or decision code in words; an unknown code is shown as it is. */
export function wordFor(table: Record<string, string>, code: string): string {
  return table[code] ?? code;
}
