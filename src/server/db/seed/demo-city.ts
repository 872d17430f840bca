import { createHash } from 'node:crypto';
import { pointInPolygon } from '../../../engines/geo/point-in-polygon.ts';
import { makeNationalNumber } from '../../../shared/national-number.ts';
import type { householdRelations } from '../../../shared/registry.schemas.ts';

type HouseholdRelation = (typeof householdRelations)[number];

/**
 * A fictional Genk: real neighbourhood names with rough outlines, and households whose names and
 * languages reflect the city's communities. Nothing here describes a real person. Pure and
 * reproducible: every household draws from its own seeded generator, so the small demo is exactly
 * the first households of the full one.
 */

/** mulberry32: small, fast, good enough for demo data; never Math.random. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, weight] of items) {
        r -= weight;
        if (r < 0) return item;
      }
      return items.at(-1)![0];
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** A stable UUID for a demo row, so a second run finds the same ids and inserts nothing. */
export function demoId(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function hashSeed(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join(':')).digest().readUInt32LE(0);
}

// ---------------------------------------------------------------- neighbourhoods

const WEST = 5.43;
const EAST = 5.58;
const SOUTH = 50.93;
const NORTH = 51.01;
const COLUMNS = [WEST, 5.46, 5.49, 5.52, 5.55, EAST];
const ROWS = [SOUTH, 50.955, 50.98, NORTH];

/** [name, focus neighbourhood, column, row] on a 5 x 3 grid, south-west first. Approximate, not official. */
export const genkNeighbourhoods: [string, boolean, number, number][] = [
  ['Kattevennen', false, 0, 0],
  ['Kolderbos', true, 1, 0],
  ['Camerlo', false, 2, 0],
  ['Genk-Zuid', false, 3, 0],
  ['Bokrijk', false, 4, 0],
  ['Hoevenzavel', false, 0, 1],
  ['Winterslag', true, 1, 1],
  ['Centrum', false, 2, 1],
  ['Bret-Gelieren', false, 3, 1],
  ['Sledderlo', false, 4, 1],
  ['Boxbergheide', false, 0, 2],
  ['Waterschei', true, 1, 2],
  ['Zwartberg', true, 2, 2],
  ['Termien', false, 3, 2],
  ['Langerlo', false, 4, 2],
];

/** Inner grid points move a little, so outlines look drawn rather than ruled; shared points stay shared. */
function gridPoint(i: number, j: number): [number, number] {
  const lon = COLUMNS[i]!;
  const lat = ROWS[j]!;
  const inner = i > 0 && i < COLUMNS.length - 1 && j > 0 && j < ROWS.length - 1;
  if (!inner) return [lon, lat];
  const r = seededRandom(hashSeed('grid', i, j));
  return [round(lon + (r.next() - 0.5) * 0.012), round(lat + (r.next() - 0.5) * 0.008)];
}

/** A bent point halfway along an edge; keyed by the edge, so both neighbours bend the same way. */
function edgePoint(a: [number, number], b: [number, number], key: string, outer: boolean): [number, number] {
  const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  if (outer) return [round(mid[0]), round(mid[1])];
  const r = seededRandom(hashSeed('edge', key));
  return [round(mid[0] + (r.next() - 0.5) * 0.008), round(mid[1] + (r.next() - 0.5) * 0.006)];
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

export function neighbourhoodOutline(i: number, j: number) {
  const sw = gridPoint(i, j);
  const se = gridPoint(i + 1, j);
  const ne = gridPoint(i + 1, j + 1);
  const nw = gridPoint(i, j + 1);
  const lastColumn = COLUMNS.length - 2;
  const lastRow = ROWS.length - 2;
  const ring = [
    sw,
    edgePoint(sw, se, `h${i}-${j}`, j === 0),
    se,
    edgePoint(se, ne, `v${i + 1}-${j}`, i === lastColumn),
    ne,
    edgePoint(nw, ne, `h${i}-${j + 1}`, j === lastRow),
    nw,
    edgePoint(sw, nw, `v${i}-${j}`, i === 0),
    sw,
  ];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

export const neighbourhoodCode = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll(/[^a-z]+/g, '-');

// ---------------------------------------------------------------- communities

interface Community {
  name: string;
  weight: number;
  /** Languages spoken at home, most likely first; Dutch is added for most. */
  languages: string[];
  male: string[];
  female: string[];
  family: string[];
}

const communities: Community[] = [
  {
    name: 'flemish',
    weight: 44,
    languages: ['nl'],
    male: [
      'Jan',
      'Luc',
      'Koen',
      'Pieter',
      'Wim',
      'Bart',
      'Tom',
      'Jef',
      'Lars',
      'Stijn',
      'Noah',
      'Lucas',
      'Arne',
      'Seppe',
    ],
    female: [
      'An',
      'Els',
      'Sofie',
      'Lien',
      'Katrien',
      'Marleen',
      'Hilde',
      'Emma',
      'Lotte',
      'Fien',
      'Nore',
      'Julie',
    ],
    family: [
      'Peeters',
      'Janssens',
      'Claes',
      'Vanhees',
      'Hendrikx',
      'Nijs',
      'Vandersteen',
      'Cox',
      'Thys',
      'Bollen',
      'Jacobs',
      'Gielen',
      'Swinnen',
      'Vanderhoydonk',
    ],
  },
  {
    name: 'italian',
    weight: 14,
    languages: ['it', 'nl'],
    male: ['Giuseppe', 'Marco', 'Salvatore', 'Luca', 'Antonio', 'Franco', 'Matteo', 'Giovanni', 'Enzo'],
    female: ['Maria', 'Giulia', 'Rosa', 'Francesca', 'Lucia', 'Chiara', 'Anna', 'Sara', 'Teresa'],
    family: [
      'Rossi',
      'Russo',
      'Esposito',
      'Bianchi',
      'Romano',
      'Colombo',
      'Greco',
      'Ricci',
      'Marino',
      'Lombardo',
      'Di Stefano',
    ],
  },
  {
    name: 'turkish',
    weight: 13,
    languages: ['tr', 'nl'],
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Emre', 'Yusuf', 'Hakan', 'Murat', 'Kerem', 'Ömer', 'Burak'],
    female: ['Ayşe', 'Fatma', 'Elif', 'Zeynep', 'Emine', 'Hatice', 'Büşra', 'Merve', 'Esra', 'Nur'],
    family: [
      'Yılmaz',
      'Kaya',
      'Demir',
      'Şahin',
      'Çelik',
      'Yıldız',
      'Aydın',
      'Arslan',
      'Doğan',
      'Koç',
      'Kurt',
      'Özdemir',
    ],
  },
  {
    name: 'moroccan',
    weight: 9,
    languages: ['ar', 'nl', 'fr'],
    male: ['Mohamed', 'Youssef', 'Karim', 'Rachid', 'Said', 'Amine', 'Bilal', 'Hamza', 'Ilias'],
    female: ['Fatima', 'Khadija', 'Nadia', 'Samira', 'Houda', 'Salma', 'Imane', 'Yasmina', 'Noor'],
    family: ['El Amrani', 'Benali', 'El Idrissi', 'Bouzid', 'Haddad', 'Amrani', 'Ouali', 'Azzouzi', 'Tahiri'],
  },
  {
    name: 'greek',
    weight: 3,
    languages: ['el', 'nl'],
    male: ['Giorgos', 'Dimitris', 'Nikos', 'Kostas', 'Yannis'],
    female: ['Eleni', 'Maria', 'Katerina', 'Sofia', 'Despina'],
    family: ['Papadopoulos', 'Georgiou', 'Nikolaidis', 'Dimitriou', 'Konstantinou', 'Vlachos'],
  },
  {
    name: 'polish',
    weight: 4,
    languages: ['pl', 'nl'],
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Łukasz', 'Marek', 'Jakub'],
    female: ['Anna', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Zofia'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński'],
  },
  {
    name: 'spanish',
    weight: 3,
    languages: ['es', 'nl'],
    male: ['José', 'Antonio', 'Manuel', 'Javier', 'Pablo', 'Diego'],
    female: ['Lucía', 'Carmen', 'María', 'Ana', 'Isabel', 'Elena'],
    family: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Gómez', 'Ruiz'],
  },
  {
    name: 'romanian',
    weight: 3,
    languages: ['ro', 'nl'],
    male: ['Andrei', 'Ion', 'Mihai', 'Alexandru', 'Florin'],
    female: ['Elena', 'Ioana', 'Maria', 'Andreea', 'Daniela'],
    family: ['Popescu', 'Ionescu', 'Stan', 'Dumitru', 'Constantin'],
  },
  {
    name: 'syrian',
    weight: 3,
    languages: ['ar', 'nl'],
    male: ['Ahmad', 'Omar', 'Khaled', 'Mahmoud', 'Ali'],
    female: ['Rania', 'Huda', 'Lina', 'Amal', 'Reem'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Darwish', 'Saleh'],
  },
  {
    name: 'congolese',
    weight: 2,
    languages: ['fr', 'ln', 'nl'],
    male: ['Patrick', 'Jean-Pierre', 'Christian', 'Didier', 'Fiston'],
    female: ['Grâce', 'Chantal', 'Nadine', 'Esther', 'Divine'],
    family: ['Mbuyi', 'Kabongo', 'Ilunga', 'Tshibangu', 'Mukendi'],
  },
  {
    name: 'afghan',
    weight: 1,
    languages: ['prs', 'ps', 'nl'],
    male: ['Ahmad', 'Farid', 'Hamid', 'Nasir'],
    female: ['Zahra', 'Mariam', 'Fatema', 'Shabnam'],
    family: ['Ahmadi', 'Rahimi', 'Hakimi', 'Noori'],
  },
  {
    name: 'ukrainian',
    weight: 1,
    languages: ['uk', 'ru', 'nl'],
    male: ['Oleksandr', 'Andrii', 'Dmytro', 'Serhii'],
    female: ['Olena', 'Iryna', 'Nataliia', 'Oksana'],
    family: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko'],
  },
];

const streetStems = [
  'Linden',
  'Eiken',
  'Berken',
  'Heide',
  'Mijn',
  'Schacht',
  'Kolen',
  'Vennen',
  'Bos',
  'Molen',
  'Kerk',
  'School',
  'Hoeve',
  'Zonne',
  'Rozen',
  'Tulpen',
  'Beuken',
  'Wilgen',
  'Meidoorn',
  'Klaver',
  'Kastanje',
  'Populier',
  'Vlier',
  'Hazel',
  'Dennen',
  'Sparren',
  'Brem',
  'Varen',
  'Lelie',
  'Viooltjes',
];
const streetKinds = ['straat', 'laan', 'weg', 'hof'];

/** Six streets per neighbourhood, named from stems so names do not repeat across the city. */
function streetsOf(neighbourhoodIndex: number): string[] {
  return Array.from({ length: 6 }, (_, k) => {
    const n = neighbourhoodIndex * 6 + k;
    return `${streetStems[n % streetStems.length]}${streetKinds[Math.floor(n / streetStems.length) % streetKinds.length]}`;
  });
}

// ---------------------------------------------------------------- households

export interface DemoPerson {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  languages: string[];
  preferredLanguage: string;
  contacts: { channel: 'phone' | 'email'; value: string }[];
  contactPreferences: string[];
  nationalNumber: string | null;
  relation: HouseholdRelation;
}

export interface DemoTimelineEntry {
  id: string;
  personId: string | null;
  daysAgo: number;
  channel: string;
  purpose: string;
  summary: string;
  visibility: 'general' | 'staff' | 'welfare';
  module: string;
}

export interface DemoConsent {
  id: string;
  personId: string;
  purpose: string;
  legalBasis: string;
  status: 'given' | 'withdrawn';
  method: string;
  daysAgo: number;
}

export interface DemoHousehold {
  id: string;
  name: string;
  neighbourhood: string;
  address: { id: string; street: string; houseNumber: string; box: string; lon: number; lat: number };
  members: DemoPerson[];
  consents: DemoConsent[];
  timeline: DemoTimelineEntry[];
}

/** Reference date for ages, so the same seed gives the same city whatever the day. */
const REFERENCE = Date.UTC(2026, 0, 1);

function birthDateFor(r: Random, age: number): string {
  const date = new Date(REFERENCE - (age * 365.25 + r.int(0, 364)) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

const focusWeight = (focus: boolean) => (focus ? 2 : 1);

/** A moment on a household's timeline; `children`: only for a household with children. */
type Moment = [string, string, string, DemoTimelineEntry['visibility'], string, { children?: true }?];

const moments: Moment[] = [
  [
    'home_visit',
    'outreach',
    'Huisbezoek: gevraagd hoe het met iedereen gaat; tips en richtlijnen meegegeven',
    'general',
    'outreach',
  ],
  ['phone', 'question', 'Belde het contactcenter over de aankoopkaart', 'staff', 'contact'],
  [
    'counter',
    'question',
    'Kwam aan het loket met een vraag over het groeipakket',
    'staff',
    'contact',
    { children: true },
  ],
  [
    'phone',
    'help',
    'Vroeg vervoer naar de voetbaltraining voor de kinderen',
    'general',
    'help',
    { children: true },
  ],
  ['meeting', 'coaching', 'Eerste ontmoeting met de gezinscoach', 'staff', 'coaching', { children: true }],
  [
    'home_visit',
    'support',
    'Gepraat over zorgen met de energiefactuur; opvolging gepland',
    'welfare',
    'signals',
  ],
  [
    'counter',
    'support',
    'Laptop meegegeven voor school, met een korte uitleg',
    'general',
    'resources',
    { children: true },
  ],
  ['phone', 'support', 'Opvolgingsgesprek over het afbetalingsplan', 'welfare', 'signals'],
  [
    'letter',
    'information',
    'Brief over de zomerschool verstuurd in de taal van het gezin',
    'general',
    'contact',
    { children: true },
  ],
  ['online', 'question', 'Vraag beantwoord tijdens het online vragenuur', 'general', 'contact'],
];

function person(
  r: Random,
  community: Community,
  ids: string,
  index: number,
  sex: 'm' | 'f',
  familyName: string,
  age: number,
  relation: HouseholdRelation,
): DemoPerson {
  const givenName = r.pick(sex === 'm' ? community.male : community.female);
  const birthDate = birthDateFor(r, age);
  const adult = age >= 18;
  const languages =
    community.name === 'flemish'
      ? ['nl']
      : community.languages.filter((l) => l !== 'nl' || adult || r.chance(0.9));
  if (adult && community.name === 'flemish' && r.chance(0.3)) languages.push(r.pick(['en', 'fr']));
  const preferredLanguage = age < 25 && community.name !== 'flemish' && r.chance(0.6) ? 'nl' : languages[0]!;
  const contacts: DemoPerson['contacts'] = [];
  if (adult && r.chance(age > 75 ? 0.5 : 0.85)) {
    contacts.push({
      channel: 'phone',
      value: `04${r.int(70, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
    });
  }
  if (adult && r.chance(age > 65 ? 0.15 : 0.45)) {
    const local = `${givenName}.${familyName}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replaceAll(/[^a-z.]/g, '');
    contacts.push({ channel: 'email', value: `${local}${r.int(1, 99)}@example.org` });
  }
  const contactPreferences = adult
    ? contacts.length === 0
      ? ['home_visit', 'letter']
      : r.pick([
          ['phone', 'sms'],
          ['phone', 'home_visit'],
          ['email', 'phone'],
          ['counter', 'phone'],
          ['letter', 'phone'],
        ])
    : [];
  return {
    id: demoId(ids, 'person', index),
    givenName,
    familyName,
    birthDate,
    languages: [...new Set(languages)],
    preferredLanguage,
    contacts,
    contactPreferences,
    nationalNumber: adult && r.chance(0.6) ? makeNationalNumber(birthDate, r.int(1, 997)) : null,
    relation,
  };
}

type StreetState = { number: number; boxesLeft: number; box: number };

function household(
  tenantSlug: string,
  index: number,
  streetCounters: Map<string, StreetState>,
): DemoHousehold {
  const r = seededRandom(hashSeed(tenantSlug, 'household', index));
  const ids = `${tenantSlug}:${index}`;
  const community = r.weighted(communities.map((c) => [c, c.weight] as const));
  const [neighbourhood, , column, row] = r.weighted(
    genkNeighbourhoods.map((n) => [n, focusWeight(n[1])] as const),
  );
  const familyName = r.pick(community.family);
  const kind = r.weighted([
    ['single', 33],
    ['couple', 24],
    ['family', 27],
    ['single_parent', 11],
    ['three_generations', 5],
  ] as const);
  const members: DemoPerson[] = [];
  const add = (sex: 'm' | 'f', age: number, relation: HouseholdRelation, name = familyName) =>
    members.push(person(r, community, ids, members.length, sex, name, age, relation));
  const adultAge = kind === 'single' ? r.int(20, 90) : r.int(24, 55);
  const firstSex = r.chance(0.5) ? 'm' : 'f';
  add(firstSex, kind === 'three_generations' ? r.int(30, 50) : adultAge, 'reference_person');
  if (kind === 'couple' || kind === 'family' || kind === 'three_generations') {
    const partnerName = community.name === 'flemish' && r.chance(0.7) ? r.pick(community.family) : familyName;
    add(firstSex === 'm' ? 'f' : 'm', Math.max(20, adultAge + r.int(-4, 4)), 'partner', partnerName);
  }
  if (kind === 'family' || kind === 'single_parent' || kind === 'three_generations') {
    const children = r.weighted([
      [1, 35],
      [2, 40],
      [3, 18],
      [4, 7],
    ] as const);
    for (let c = 0; c < children; c++) add(r.chance(0.5) ? 'm' : 'f', r.int(0, 17), 'child');
  }
  if (kind === 'three_generations') add(r.chance(0.5) ? 'm' : 'f', r.int(62, 88), 'parent');

  const streets = streetsOf(genkNeighbourhoods.findIndex((n) => n[0] === neighbourhood));
  const street = r.pick(streets);
  // Odd numbers along the street; now and then a block of four flats, one box each.
  const state = streetCounters.get(street) ?? { number: -1, boxesLeft: 0, box: 0 };
  if (state.boxesLeft > 0) {
    state.boxesLeft--;
    state.box++;
  } else {
    state.number += 2;
    const flats = r.chance(0.08);
    state.boxesLeft = flats ? 3 : 0;
    state.box = flats ? 1 : 0;
  }
  streetCounters.set(street, state);
  const houseNumber = String(state.number);
  const box = state.box > 0 ? String(state.box) : '';
  const outline = neighbourhoodOutline(column, row);
  let lon = (COLUMNS[column]! + COLUMNS[column + 1]!) / 2;
  let lat = (ROWS[row]! + ROWS[row + 1]!) / 2;
  for (let attempt = 0; attempt < 10; attempt++) {
    const x = COLUMNS[column]! + (0.1 + 0.8 * r.next()) * (COLUMNS[column + 1]! - COLUMNS[column]!);
    const y = ROWS[row]! + (0.1 + 0.8 * r.next()) * (ROWS[row + 1]! - ROWS[row]!);
    if (pointInPolygon(x, y, outline)) {
      lon = x;
      lat = y;
      break;
    }
  }

  const reference = members[0]!;
  const consents: DemoConsent[] = [];
  if (r.chance(0.7)) {
    consents.push({
      id: demoId(ids, 'consent', 0),
      personId: reference.id,
      purpose: 'contact',
      legalBasis: 'consent',
      status: 'given',
      method: r.pick(['signed_form', 'verbal', 'online']),
      daysAgo: r.int(30, 900),
    });
  }
  if (r.chance(0.25)) {
    const given = r.int(200, 900);
    consents.push({
      id: demoId(ids, 'consent', 1),
      personId: reference.id,
      purpose: 'help_matching',
      legalBasis: 'consent',
      status: 'given',
      method: r.pick(['signed_form', 'verbal']),
      daysAgo: given,
    });
    if (r.chance(0.15)) {
      consents.push({
        id: demoId(ids, 'consent', 2),
        personId: reference.id,
        purpose: 'help_matching',
        legalBasis: 'consent',
        status: 'withdrawn',
        method: 'verbal',
        daysAgo: r.int(1, given - 1),
      });
    }
  }
  const timeline: DemoTimelineEntry[] = [];
  const entries = r.weighted([
    [0, 40],
    [1, 35],
    [2, 17],
    [3, 8],
  ] as const);
  // A school laptop or a family coach only where there are children.
  const withChildren = members.some((m) => m.relation === 'child');
  const fitting = moments.filter(([, , , , , only]) => withChildren || !only?.children);
  for (let e = 0; e < entries; e++) {
    const [channel, purpose, summary, visibility, module] = r.pick(fitting);
    timeline.push({
      id: demoId(ids, 'timeline', e),
      personId: r.chance(0.7) ? reference.id : null,
      daysAgo: r.int(1, 700),
      channel,
      purpose,
      summary,
      visibility,
      module,
    });
  }
  return {
    id: demoId(ids, 'household'),
    name: familyName,
    neighbourhood,
    address: { id: demoId(ids, 'address'), street, houseNumber, box, lon: round(lon), lat: round(lat) },
    members,
    consents,
    timeline,
  };
}

/** The Öztürk family, always present: Turkish-speaking, two children, one about to start primary school. */
function ozturk(tenantSlug: string): DemoHousehold {
  const ids = `${tenantSlug}:ozturk`;
  const base = {
    familyName: 'Öztürk',
    languages: ['tr', 'nl'],
    preferredLanguage: 'tr',
  };
  const members: DemoPerson[] = [
    {
      ...base,
      id: demoId(ids, 'person', 0),
      givenName: 'Mehmet',
      birthDate: '1985-04-17',
      contacts: [{ channel: 'phone', value: '0478 21 43 65' }],
      contactPreferences: ['phone', 'home_visit'],
      nationalNumber: makeNationalNumber('1985-04-17', 123),
      relation: 'reference_person',
    },
    {
      ...base,
      id: demoId(ids, 'person', 1),
      givenName: 'Ayşe',
      birthDate: '1988-09-02',
      contacts: [{ channel: 'phone', value: '0479 55 12 80' }],
      contactPreferences: ['home_visit', 'phone'],
      nationalNumber: null,
      relation: 'partner',
    },
    {
      ...base,
      id: demoId(ids, 'person', 2),
      givenName: 'Elif',
      birthDate: '2020-11-23',
      contacts: [],
      contactPreferences: [],
      nationalNumber: null,
      preferredLanguage: 'nl',
      relation: 'child',
    },
    {
      ...base,
      id: demoId(ids, 'person', 3),
      givenName: 'Emre',
      birthDate: '2016-02-08',
      contacts: [],
      contactPreferences: [],
      nationalNumber: null,
      preferredLanguage: 'nl',
      relation: 'child',
    },
  ];
  const [mehmet, ayse, elif] = members as [DemoPerson, DemoPerson, DemoPerson];
  return {
    id: demoId(ids, 'household'),
    name: 'Öztürk',
    neighbourhood: 'Winterslag',
    address: {
      id: demoId(ids, 'address'),
      street: 'Stalenstraat',
      houseNumber: '14',
      box: '',
      lon: 5.4751,
      lat: 50.9672,
    },
    members,
    consents: [
      {
        id: demoId(ids, 'consent', 0),
        personId: mehmet.id,
        purpose: 'contact',
        legalBasis: 'consent',
        status: 'given',
        method: 'signed_form',
        daysAgo: 240,
      },
      {
        id: demoId(ids, 'consent', 1),
        personId: ayse.id,
        purpose: 'talent_coaching',
        legalBasis: 'consent',
        status: 'given',
        method: 'verbal',
        daysAgo: 60,
      },
    ],
    timeline: [
      {
        id: demoId(ids, 'timeline', 0),
        personId: ayse.id,
        daysAgo: 75,
        channel: 'home_visit',
        purpose: 'outreach',
        summary: 'Huisbezoek in het Turks: het gezin wil graag steun nu Elif naar de lagere school gaat',
        visibility: 'general',
        module: 'outreach',
      },
      {
        id: demoId(ids, 'timeline', 1),
        personId: elif.id,
        daysAgo: 60,
        channel: 'meeting',
        purpose: 'coaching',
        summary: 'Kennismaking met een Turkssprekende gezinscoach',
        visibility: 'staff',
        module: 'coaching',
      },
      {
        id: demoId(ids, 'timeline', 2),
        personId: mehmet.id,
        daysAgo: 30,
        channel: 'counter',
        purpose: 'question',
        summary: 'Vroeg naar vakantiejobs voor jongeren en naar de zomerschool',
        visibility: 'general',
        module: 'contact',
      },
      {
        id: demoId(ids, 'timeline', 3),
        personId: mehmet.id,
        daysAgo: 12,
        channel: 'phone',
        purpose: 'support',
        summary: 'Gesprek over de energiefactuur; een afbetalingsplan wordt geregeld',
        visibility: 'welfare',
        module: 'signals',
      },
    ],
  };
}

/** Households 0..count-1 of the demo city: the Öztürk family first. */
export function generateDemoCity(tenantSlug: string, count: number): DemoHousehold[] {
  const streetCounters = new Map<string, StreetState>();
  const out: DemoHousehold[] = [ozturk(tenantSlug)];
  for (let i = 1; i < count; i++) out.push(household(tenantSlug, i, streetCounters));
  // A national number belongs to one person: a generated number that repeats is dropped.
  const numbers = new Set<string>();
  for (const member of out.flatMap((h) => h.members)) {
    if (member.nationalNumber === null) continue;
    if (numbers.has(member.nationalNumber)) member.nationalNumber = null;
    else numbers.add(member.nationalNumber);
  }
  return out;
}
