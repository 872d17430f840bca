import { languageName as nameOfLanguage } from '../../shared/languages.ts';
import type { NoCandidateSummary } from './rank.ts';
import type { HardReason, SoftReason } from './types.ts';

export type Language = 'nl' | 'en' | 'fr';

const words = {
  nl: {
    speaks: (l: string) => `spreekt ${l}`,
    noSharedLanguage: 'spreekt geen taal van het gezin',
    away: (km: string) => `${km} km verderop`,
    free: (day: string, part: string) => `vrij op ${day}${part}`,
    continuity: 'hielp dit gezin al eerder',
    lightLoad: 'heeft nu geen andere hulpvraag',
    parts: ['ochtend', 'middag', 'avond'],
    none: 'Geen vrijwilliger past',
    nobodyOffers: 'niemand biedt deze hulp aan',
    severalReasons: 'sommigen om meer dan één reden',
    offering: (n: number) =>
      n === 1 ? '1 vrijwilliger biedt deze hulp aan' : `${n} vrijwilligers bieden deze hulp aan`,
    speakersNone: (l: string) => `niemand spreekt ${l}`,
    speakersOutOfReach: (l: string) => `niemand die ${l} spreekt woont dichtbij genoeg`,
    blocked: {
      help_type: 'biedt deze hulp niet aan',
      screening: 'mist een vereiste screening',
      availability: 'niet vrij op dat moment',
      capacity: 'heeft al genoeg hulpvragen',
      distance: 'woont te ver',
      not_picked: 'niet gekozen voor deze gevoelige vraag',
      commitment: 'helpt niet op dit ritme (eenmalig of wekelijks)',
      means: 'heeft het nodige vervoer niet (bv. een auto)',
      asked_before: 'werd al gevraagd',
    } as Record<HardReason['kind'], string>,
  },
  en: {
    speaks: (l: string) => `speaks ${l}`,
    noSharedLanguage: "speaks none of the family's languages",
    away: (km: string) => `${km} km away`,
    free: (day: string, part: string) => `free on ${day} ${part}`,
    continuity: 'helped this family before',
    lightLoad: 'has no other request now',
    parts: ['mornings', 'afternoons', 'evenings'],
    none: 'No volunteer fits',
    nobodyOffers: 'no one offers this kind of help',
    severalReasons: 'some for more than one reason',
    offering: (n: number) => (n === 1 ? '1 volunteer offers this help' : `${n} volunteers offer this help`),
    speakersNone: (l: string) => `no one speaks ${l}`,
    speakersOutOfReach: (l: string) => `no one who speaks ${l} lives close enough`,
    blocked: {
      help_type: 'does not offer this help',
      screening: 'misses a required screening',
      availability: 'not free at that time',
      capacity: 'has enough requests already',
      distance: 'lives too far away',
      not_picked: 'not picked for this sensitive request',
      commitment: 'does not help at this rhythm (one-off or weekly)',
      means: 'lacks the transport needed (e.g. a car)',
      asked_before: 'was asked already',
    } as Record<HardReason['kind'], string>,
  },
  fr: {
    speaks: (l: string) => `parle ${l}`,
    noSharedLanguage: 'ne parle aucune langue de la famille',
    away: (km: string) => `à ${km} km`,
    free: (day: string, part: string) => `libre le ${day} ${part}`,
    continuity: 'a déjà aidé cette famille',
    lightLoad: "n'a pas d'autre demande en cours",
    parts: ['matin', 'après-midi', 'soir'],
    none: 'Aucun bénévole ne convient',
    nobodyOffers: "personne n'offre ce type d'aide",
    severalReasons: "certains pour plus d'une raison",
    offering: (n: number) => (n === 1 ? '1 bénévole offre cette aide' : `${n} bénévoles offrent cette aide`),
    speakersNone: (l: string) => `personne ne parle ${l}`,
    speakersOutOfReach: (l: string) => `personne qui parle ${l} n'habite assez près`,
    blocked: {
      help_type: "n'offre pas cette aide",
      screening: 'il manque une vérification requise',
      availability: 'pas libre à ce moment',
      capacity: 'a déjà assez de demandes',
      distance: 'habite trop loin',
      not_picked: 'pas choisi pour cette demande sensible',
      commitment: "n'aide pas à ce rythme (ponctuel ou hebdomadaire)",
      means: "n'a pas le moyen de transport nécessaire (p. ex. une voiture)",
      asked_before: 'a déjà été sollicité',
    } as Record<HardReason['kind'], string>,
  },
};

export function languageName(code: string, language: Language): string {
  return nameOfLanguage(code, language);
}

function dayName(day: number, language: Language): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + day)),
  );
}

/** One proposal's reasons in plain words: "spreekt Turks, 1,2 km verderop, vrij op dinsdagavond". */
export function explain(reasons: readonly SoftReason[], language: Language = 'nl'): string {
  const w = words[language];
  const km = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'language':
          return w.speaks(languageName(reason.language, language));
        case 'no_shared_language':
          return w.noSharedLanguage;
        case 'distance':
          return w.away(km.format(reason.km));
        case 'free': {
          const part = w.parts[reason.start < 720 ? 0 : reason.start < 1080 ? 1 : 2]!;
          return w.free(dayName(reason.day, language), part);
        }
        case 'continuity':
          return w.continuity;
        case 'light_load':
          return w.lightLoad;
        default:
          return '';
      }
    })
    .filter(Boolean)
    .join(', ');
}

/**
 * Why a need has no candidate, counted among the volunteers who offer its kind of help (give it the
 * summary of a ranking that explained the excluded volunteers, the default: it counts those who do
 * not offer the help from `blocking.help_type`): "Geen
 * vrijwilliger past: 12 vrijwilligers bieden deze hulp aan; niemand die Arabisch spreekt woont
 * dichtbij genoeg; 7× niet vrij op dat moment". The same words whether the pool was narrowed to the
 * kind of help first or not.
 */
export function explainNoCandidate(
  summary: NoCandidateSummary,
  needLanguages: readonly string[],
  language: Language = 'nl',
): string {
  const w = words[language];
  const offering = summary.lookedAt - (summary.blocking.help_type ?? 0);
  // French sets a space before the colon.
  const colon = language === 'fr' ? ' : ' : ': ';
  if (offering <= 0) return `${w.none}${colon}${w.nobodyOffers}`;
  const parts: string[] = [w.offering(offering)];
  const names = needLanguages.map((code) => languageName(code, language)).join('/');
  if (summary.speakers === 0) parts.push(w.speakersNone(names));
  else if (summary.speakersInReach === 0) parts.push(w.speakersOutOfReach(names));
  const counted = Object.entries(summary.blocking)
    .filter(([kind]) => kind !== 'help_type')
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  for (const [kind, count] of counted) parts.push(`${count}× ${w.blocked[kind as HardReason['kind']]}`);
  // A volunteer may be kept out for several reasons: say so when the counts add up to more.
  if (counted.reduce((sum, [, count]) => sum + (count ?? 0), 0) > offering) parts.push(w.severalReasons);
  return `${w.none}${colon}${parts.join(language === 'fr' ? ' ; ' : '; ')}`;
}
