import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors.ts';
import { roles } from '../../shared/permissions.ts';
import en from './en.json';
import fr from './fr.json';
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

  it('picks the plural form from count, in every language', async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { nl: { translation: nl }, en: { translation: en }, fr: { translation: fr } },
      lng: 'nl',
      interpolation: { escapeValue: false },
    });
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
