import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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
    const missing = [...used].filter(([key]) => !nlKeys.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
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
