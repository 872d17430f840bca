import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors.ts';
import { roles } from '../../shared/permissions.ts';
import en from './en.json';
import fr from './fr.json';
import { i18nInAllLanguages } from './i18n.testing.ts';
import nl from './nl.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf key as a dotted path. */
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** The text at a dotted key. */
function textOf(tree: Tree, key: string): string {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => {
    return typeof node === 'object' ? node[part] : undefined;
  }, tree);
  return typeof value === 'string' ? value : '';
}

function filesUnder(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, ending);
    return full.endsWith(ending) ? [full] : [];
  });
}

const resources: Record<string, Tree> = { nl, en, fr };
const webDir = path.resolve(import.meta.dirname, '..');

describe('translations', () => {
  const nlKeys = new Set(keysOf(nl));

  for (const [language, tree] of Object.entries(resources)) {
    it(`${language} has exactly the same keys as every other language`, () => {
      const own = new Set(keysOf(tree));
      for (const [other, otherTree] of Object.entries(resources)) {
        if (other === language) continue;
        const missing = keysOf(otherTree).filter((key) => !own.has(key));
        expect(missing, `keys in ${other} but not in ${language}`).toEqual([]);
      }
    });

    it(`${language} has no empty texts`, () => {
      const empty = keysOf(tree).filter((key) => {
        const value = key.split('.').reduce<string | Tree | undefined>((node, part) => {
          return typeof node === 'object' ? node[part] : undefined;
        }, tree);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    });
  }

  it('the start page says in a line what every place in the navigation is for', () => {
    const layout = readFileSync(path.join(webDir, 'app', 'AppLayout.tsx'), 'utf8');
    const home = readFileSync(path.join(webDir, 'app', 'HomePage.tsx'), 'utf8');
    const places = [...layout.matchAll(/\{ to: '([^']+)', label: '[^']+', action: /g)].map((m) => m[1]!);
    const described = new Map(
      [...home.matchAll(/^ {2}'([^']+)': '([^']+)',$/gm)].map((m) => [m[1]!, m[2]!] as const),
    );
    expect(places.length).toBeGreaterThan(20);
    expect(places.filter((place) => !described.has(place))).toEqual([]);
    expect([...described.values()].filter((key) => !nlKeys.has(key))).toEqual([]);
  });

  it('every literal t() key used in the web app exists in nl.json', () => {
    const used = new Map<string, string>();
    const pattern = /\bt\(\s*(['"])([^'"`$]+?)\1/g;
    for (const file of filesUnder(webDir, '.tsx')) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(pattern)) {
        used.set(match[2]!, path.relative(webDir, file));
      }
    }
    expect(used.size).toBeGreaterThan(20);
    // A key with plural forms exists as <key>_one and <key>_other; i18next picks one from count.
    const exists = (key: string) =>
      nlKeys.has(key) || (nlKeys.has(`${key}_one`) && nlKeys.has(`${key}_other`));
    const missing = [...used].filter(([key]) => !exists(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every key with plural forms has both a _one and an _other form', () => {
    const forms = [...nlKeys].filter((key) => /_(one|other)$/.test(key));
    const base = new Set(forms.map((key) => key.replace(/_(one|other)$/, '')));
    const incomplete = [...base].filter((key) => !nlKeys.has(`${key}_one`) || !nlKeys.has(`${key}_other`));
    expect(incomplete).toEqual([]);
  });

  it('no text hedges a count with (s), (en) and the like; counts use plural forms', () => {
    // "vrijwilliger(s)", "kind(eren)", "vraag/vragen". French (e) for gender is not a count and stays.
    const hedge = /\p{L}\((s|en|n|len|ren|eren|nen|es|ies|aux)\)|(\p{L}{3})\p{L}*\/\2/u;
    for (const [language, tree] of Object.entries(resources)) {
      const hedged = keysOf(tree)
        .map((key) => [key, textOf(tree, key)] as const)
        .filter(([, text]) => hedge.test(text));
      expect(hedged, language).toEqual([]);
    }
  });

  it('a count beside a plural noun has plural forms, so one of something does not read as many', () => {
    // "{{n}} signalen versturen", "over {{days}} dagen", "And {{n}} more errors": a number variable, at
    // most one word (nieuwe, andere, more, bezochte), then a plural noun. Such a text needs _one and
    // _other forms picked by count; the _one form says the noun in the singular. The nouns are the
    // ones our texts count; a label with a colon ("Niet gepland: {{count}}") reads right for any number.
    const plurals: Record<string, string> = {
      nl: `dagen weken maanden jaren uren deuren bezoeken signalen fouten adressen regels gezinnen plaatsen
        rondes vrijwilligers voorstellen vragen aanvragen kinderen kwetsbaarheden aandachtspunten hulpvragen matches personen
        ontmoetingen doelen tekens huishoudens`,
      en: `days weeks months years hours doors visits signals errors problems addresses lines entries
        families places rounds volunteers proposals requests children vulnerabilities points matches people
        meetings goals characters households`,
      fr: `jours semaines ans années heures portes visites signaux erreurs adresses lignes entrées familles
        places tournées bénévoles propositions demandes enfants fragilités points personnes rencontres objectifs
        caractères ménages`,
    };
    // Variables that hold a number ({{programme}} brings people … is a name, not a count).
    const numbers = `n count days hours minutes age total shown created duplicates inserted existing planned
      rounds waiting added removed shifts taken capacity size accepted matched progressed done picked skipped`
      .split(/\s+/)
      .join('|');
    for (const [language, tree] of Object.entries(resources)) {
      const nouns = plurals[language]!.split(/\s+/).join('|');
      const counted = new RegExp(
        `\\{\\{\\s*(?:${numbers})\\s*\\}\\}\\s+(?:\\p{L}+\\s+)?(?:${nouns})(?!\\p{L})`,
        'iu',
      );
      const wrong = keysOf(tree)
        .filter((key) => !key.endsWith('_other'))
        .map((key) => [key, textOf(tree, key)] as const)
        .filter(([, text]) => counted.test(text));
      expect(wrong, language).toEqual([]);
    }
  });

  it('picks the plural form from count, in every language', async () => {
    const i18n = await i18nInAllLanguages();
    const say = (language: string, key: string, count: number) => i18n.getFixedT(language)(key, { count });
    expect(say('nl', 'help.board.leftOver', 1)).toBe('1 vraag zonder voorstel');
    expect(say('nl', 'help.board.leftOver', 2)).toBe('2 vragen zonder voorstel');
    expect(say('nl', 'help.board.leftOver', 0)).toBe('0 vragen zonder voorstel');
    expect(say('nl', 'help.needPage.proposedNote', 1)).toBe('Het voorstel ging naar 1 vrijwilliger.');
    expect(say('nl', 'signals.factor.children', 3)).toBe('3 kinderen in het gezin');
    expect(say('en', 'signals.factor.children', 1)).toBe('1 child in the family');
    expect(say('en', 'help.board.sent', 0)).toBe('0 proposals sent.');
    // In French 0 and 1 are singular.
    expect(say('fr', 'help.board.sent', 0)).toBe('0 proposition envoyée.');
    expect(say('fr', 'help.board.sent', 1)).toBe('1 proposition envoyée.');
    expect(say('fr', 'help.board.sent', 2)).toBe('2 propositions envoyées.');
    // Counts that read wrongly for one (or, in French, for none) before they had plural forms.
    expect(say('nl', 'signals.upload.send', 1)).toBe('1 signaal versturen');
    expect(say('nl', 'signals.upload.send', 2)).toBe('2 signalen versturen');
    expect(say('fr', 'signals.upload.send', 0)).toBe('Envoyer 0 signal');
    expect(say('nl', 'signals.upload.moreErrors', 1)).toBe('En nog 1 andere fout.');
    expect(say('en', 'registry.import.moreErrors', 1)).toBe('And 1 more error.');
    expect(say('nl', 'registry.import.start', 1)).toBe('Inladen (1 adres)');
    expect(say('fr', 'registry.import.start', 3)).toBe('Importer (3 adresses)');
    expect(say('nl', 'audit.shown', 1)).toBe('1 regel getoond');
    expect(say('fr', 'audit.shown', 0)).toBe('0 entrée affichée');
    expect(say('nl', 'signals.deadline.left', 1)).toBe('nog 1 dag');
    expect(say('nl', 'signals.deadline.left', 4)).toBe('nog 4 dagen');
    expect(say('en', 'signals.deadline.overdue', 1)).toBe('1 day late');
    expect(say('nl', 'outreach.plan.more', 1)).toBe('en nog 1 deur');
    expect(say('nl', 'outreach.refused.roundHasVisitsRemove', 1)).toBe(
      'In deze ronde werd al 1 bezoek opgeschreven. Ze kan daarom niet weg.',
    );
    expect(say('fr', 'outreach.refused.visitedDoorsOutside', 1)).toBe(
      '1 porte visitée sortirait de la campagne. Gardez son quartier, sa rue ou le choix des ménages.',
    );
    expect(say('nl', 'coaching.programmes.sizeHint', 1)).toBe('Nog 1 plaats vrij in het programma.');
    expect(say('en', 'coaching.programmes.noRoom', 1)).toBe(
      'This programme has room for 1 more family. Choose a smaller cohort.',
    );
    expect(say('en', 'registry.person.age', 1)).toBe('1 year');
    expect(say('fr', 'registry.person.age', 0)).toBe('0 an');
    expect(say('fr', 'registry.person.age', 7)).toBe('7 ans');
    expect(say('nl', 'registry.person.age', 1)).toBe('1 jaar');
    const t = i18n.getFixedT('nl');
    expect(t('signals.factor.action_soon', { action: 'afsluiting', date: '3 januari', count: 1 })).toBe(
      'afsluiting op 3 januari (over 1 dag)',
    );
    // An action due today or already past says so, not "in 0 days" or "in -2 days".
    expect(t('signals.factor.action_past', { action: 'afsluiting', date: '3 januari', count: 2 })).toBe(
      'afsluiting op 3 januari (2 dagen geleden)',
    );
    expect(t('signals.factor.action_today', { action: 'afsluiting', date: '3 januari' })).toBe(
      'afsluiting vandaag (3 januari)',
    );
    expect(say('nl', 'outreach.plan.leftOut', 1).replace('{{reason}}', '')).toBe('1 adres niet gepland: ');
    // A label and its value: French puts a space before the colon.
    expect(i18n.getFixedT('fr')('common.labelled', { label: 'Formations requises', value: 'aucune' })).toBe(
      'Formations requises : aucune',
    );
    expect(t('common.labelled', { label: 'Vereiste vormingen', value: 'geen' })).toBe(
      'Vereiste vormingen: geen',
    );
    expect(t('coaching.alerts.no_meeting', { family: 'Gezin Peeters', coach: 'Carla', count: 31 })).toBe(
      'Gezin Peeters: al 31 dagen geen ontmoeting (coach: Carla)',
    );
    expect(t('coaching.alerts.ending_soon', { family: 'Gezin Peeters', coach: 'Carla', count: 1 })).toBe(
      'Gezin Peeters: het traject loopt af over 1 dag (coach: Carla)',
    );
    expect(t('registry.import.done', { count: 1, existing: 4 })).toBe(
      'Het bestand is ingeladen: 1 nieuw adres. Al gekend: 4.',
    );
    expect(t('signals.upload.done', { count: 1, duplicates: 0 })).toBe(
      '1 nieuw signaal opgeslagen. Al eerder ontvangen: 0. Dank je.',
    );
    expect(t('coaching.board.cohortCounts', { accepted: 0, count: 1, matched: 0 })).toBe(
      '0 van 1 gezin aanvaard, 0 met een coach',
    );
    const rounds = t('outreach.plan.roundCount', { count: 1 });
    expect(t('outreach.plan.summary', { count: 12, rounds, km: 4 })).toBe(
      '12 deuren in 1 ronde, samen ongeveer 4 km.',
    );
    expect(i18n.getFixedT('en')('help.me.hours', { hours: '1', count: 1 })).toBe('1 hour of help in total');
    expect(i18n.getFixedT('en')('help.me.hours', { hours: '1.5', count: 1.5 })).toBe(
      '1.5 hours of help in total',
    );
  });

  it('every role and every API error code has a translation', () => {
    const needed = [
      ...roles.map((role) => `roles.${role}`),
      ...Object.keys(errorCodes).map((code) => `errors.${code}`),
      'errors.NETWORK_ERROR',
    ];
    expect(needed.filter((key) => !nlKeys.has(key))).toEqual([]);
  });

  it('uses the agreed Dutch role names', () => {
    expect(nl.roles).toMatchObject({
      admin: 'beheerder',
      coordinator: 'coördinator',
      neighbourhood_manager: 'wijkmanager',
      social_worker: 'maatschappelijk werker',
      contact_agent: 'contactcenter-medewerker',
      home_visitor: 'huisbezoeker',
      referrer: 'toeleider',
      coach: 'coach',
      volunteer: 'vrijwilliger',
      partner: 'partnerorganisatie',
      steering_member: 'lid stuurgroep',
      resident: 'inwoner',
    });
  });
});
