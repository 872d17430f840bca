import { and, eq } from 'drizzle-orm';
import { distanceKm } from '../../../engines/geo/distance.ts';
import { explain } from '../../../engines/matching/index.ts';
import type { SoftReason } from '../../../engines/matching/types.ts';
import { brusselsDay, brusselsWeekday } from '../../../shared/brussels.ts';
import { enqueue } from '../../jobs/queue.ts';
import { recordAudit } from '../../modules/audit/audit.service.ts';
import { centreOf } from '../../modules/help/help.matching.ts';
import { PROPOSAL_TTL_MS } from '../../modules/help/help.service.ts';
import {
  helpMatches,
  helpNeedEvents,
  helpNeeds,
  helpTypes,
  volunteers,
} from '../../modules/help/help.tables.ts';
import { users } from '../../modules/identity/identity.tables.ts';
import { mayAct } from '../../modules/registry/consent.service.ts';
import { neighbourhoodLocator } from '../../modules/registry/registry.service.ts';
import { neighbourhoods } from '../../modules/registry/registry.tables.ts';
import { recordContact } from '../../modules/registry/timeline.service.ts';
import type { Database, Tx } from '../client.ts';
import { type DemoHousehold, demoId } from './demo-city.ts';

/**
 * Genk Helpt in the demo city: the catalogue of kinds of help, volunteers whose languages reflect
 * Genk's communities, a few open requests for demo families who agreed to be helped, and a year of
 * requests closed before (seedHistory), so the figures have something to show. Ids are derived from
 * names, so a second run inserts nothing; dates are relative to the day of seeding.
 */
export const demoHelpTypes: [string, { nl: string; en: string; fr: string }, string[]][] = [
  ['errands', { nl: 'Boodschappen', en: 'Errands', fr: 'Courses' }, []],
  ['rides', { nl: 'Vervoer', en: 'Rides', fr: 'Transport' }, []],
  ['company', { nl: 'Gezelschap', en: 'Company', fr: 'Compagnie' }, []],
  [
    'homework',
    { nl: 'Huiswerkbegeleiding', en: 'Homework help', fr: 'Aide aux devoirs' },
    ['good_conduct_children'],
  ],
  ['language_buddy', { nl: 'Taalmaatje', en: 'Language buddy', fr: 'Binôme linguistique' }, []],
  ['repairs', { nl: 'Kleine klusjes', en: 'Small repairs', fr: 'Petites réparations' }, []],
  ['paperwork', { nl: 'Papierwerk', en: 'Paperwork', fr: 'Démarches administratives' }, []],
  ['digital', { nl: 'Digitale hulp', en: 'Digital help', fr: 'Aide numérique' }, []],
  [
    'child_rides',
    {
      nl: 'Kinderen naar hun hobby brengen',
      en: 'Taking children to activities',
      fr: 'Accompagner les enfants à leurs activités',
    },
    ['good_conduct_children'],
  ],
];

type Slot = { day: number; start: number; end: number };
const evenings = (...days: number[]): Slot[] => days.map((day) => ({ day, start: 17 * 60, end: 21 * 60 }));
const mornings = (...days: number[]): Slot[] => days.map((day) => ({ day, start: 9 * 60, end: 12 * 60 }));
const afternoons = (...days: number[]): Slot[] => days.map((day) => ({ day, start: 13 * 60, end: 17 * 60 }));

interface DemoVolunteer {
  name: string;
  area: string;
  languages: string[];
  helpTypes: string[];
  slots: Slot[];
  km: number;
  means: string[];
  capacity: number;
  commitment: 'one_off' | 'recurring' | 'both';
  goodConduct?: boolean;
  screened?: boolean;
  coach?: boolean;
}

const demoVolunteers: DemoVolunteer[] = [
  {
    name: 'Giulia Russo',
    area: 'Winterslag',
    languages: ['it', 'nl', 'fr'],
    helpTypes: ['company', 'errands', 'paperwork'],
    slots: afternoons(0, 2, 4),
    km: 3,
    means: ['car'],
    capacity: 2,
    commitment: 'both',
  },
  {
    name: 'Murat Yıldız',
    area: 'Zwartberg',
    languages: ['tr', 'nl'],
    helpTypes: ['child_rides', 'rides', 'repairs'],
    slots: evenings(1, 3),
    km: 6,
    means: ['car'],
    capacity: 2,
    commitment: 'both',
    goodConduct: true,
    coach: true,
  },
  {
    name: 'Fatima El Amrani',
    area: 'Waterschei',
    languages: ['ar', 'nl', 'fr'],
    helpTypes: ['homework', 'language_buddy', 'paperwork'],
    slots: afternoons(2, 5),
    km: 4,
    means: ['foot', 'public_transport'],
    capacity: 2,
    commitment: 'recurring',
    goodConduct: true,
    coach: true,
  },
  {
    name: 'Jan Peeters',
    area: 'Centrum',
    languages: ['nl', 'en'],
    helpTypes: ['repairs', 'digital', 'rides'],
    slots: mornings(0, 1, 2, 3, 4),
    km: 8,
    means: ['car', 'bike'],
    capacity: 3,
    commitment: 'both',
  },
  {
    name: 'Eleni Papadopoulou',
    area: 'Winterslag',
    languages: ['el', 'nl'],
    helpTypes: ['company', 'language_buddy'],
    slots: mornings(1, 3),
    km: 2,
    means: ['foot'],
    capacity: 1,
    commitment: 'recurring',
  },
  {
    name: 'Kasia Nowak',
    area: 'Bret-Gelieren',
    languages: ['pl', 'nl', 'en'],
    helpTypes: ['errands', 'digital'],
    slots: evenings(0, 2, 4),
    km: 5,
    means: ['bike'],
    capacity: 2,
    commitment: 'both',
  },
  {
    name: 'Lucia Fernández',
    area: 'Kolderbos',
    languages: ['es', 'nl', 'fr'],
    helpTypes: ['homework', 'child_rides'],
    slots: afternoons(2),
    km: 3,
    means: ['car'],
    capacity: 1,
    commitment: 'recurring',
    goodConduct: true,
  },
  {
    name: 'Ahmet Demir',
    area: 'Winterslag',
    languages: ['tr', 'nl'],
    helpTypes: ['errands', 'rides', 'paperwork'],
    slots: [...mornings(5), ...afternoons(5)],
    km: 5,
    means: ['car'],
    capacity: 2,
    commitment: 'both',
  },
  {
    name: 'An Janssens',
    area: 'Bokrijk',
    languages: ['nl', 'fr'],
    helpTypes: ['company', 'digital', 'errands'],
    slots: mornings(0, 2, 4),
    km: 10,
    means: ['car'],
    capacity: 3,
    commitment: 'both',
  },
  {
    name: 'Youssef Benali',
    area: 'Zwartberg',
    languages: ['ar', 'fr', 'nl'],
    helpTypes: ['repairs', 'errands'],
    slots: evenings(1, 2, 3),
    km: 4,
    means: ['bike', 'foot'],
    capacity: 2,
    commitment: 'one_off',
  },
  {
    name: 'Marco Bianchi',
    area: 'Waterschei',
    languages: ['it', 'nl'],
    helpTypes: ['rides', 'repairs'],
    slots: mornings(5, 6),
    km: 12,
    means: ['car'],
    capacity: 2,
    commitment: 'both',
  },
  {
    name: 'Olena Kovalenko',
    area: 'Sledderlo',
    languages: ['uk', 'ru', 'nl', 'en'],
    helpTypes: ['language_buddy', 'paperwork', 'digital'],
    slots: afternoons(1, 3),
    km: 6,
    means: ['public_transport'],
    capacity: 2,
    commitment: 'recurring',
  },
  {
    name: 'Grace Mbuyi',
    area: 'Camerlo',
    languages: ['fr', 'ln', 'nl'],
    helpTypes: ['homework', 'company'],
    slots: evenings(0, 3),
    km: 4,
    means: ['foot', 'public_transport'],
    capacity: 1,
    commitment: 'recurring',
    goodConduct: true,
    coach: true,
  },
  {
    name: 'Ayşe Kaya',
    area: 'Kolderbos',
    languages: ['tr', 'nl'],
    helpTypes: ['language_buddy', 'company', 'homework'],
    slots: afternoons(0, 4),
    km: 3,
    means: ['foot'],
    capacity: 2,
    commitment: 'both',
    goodConduct: true,
  },
  {
    name: 'Koen Claes',
    area: 'Termien',
    languages: ['nl'],
    helpTypes: ['repairs', 'rides'],
    slots: [...mornings(5), ...afternoons(5)],
    km: 15,
    means: ['car'],
    capacity: 2,
    commitment: 'one_off',
  },
  {
    name: 'Sara Vermeulen',
    area: 'Hoevenzavel',
    languages: ['nl', 'en'],
    helpTypes: ['digital', 'paperwork', 'errands'],
    slots: evenings(1, 4),
    km: 6,
    means: ['bike'],
    capacity: 2,
    commitment: 'both',
    screened: false,
  },
  {
    name: 'Nikos Georgiou',
    area: 'Genk-Zuid',
    languages: ['el', 'nl', 'en'],
    helpTypes: ['child_rides', 'rides'],
    slots: evenings(1, 3),
    km: 7,
    means: ['car'],
    capacity: 1,
    commitment: 'recurring',
  },
  {
    name: 'Mustafa Amrani',
    area: 'Waterschei',
    languages: ['ar', 'nl'],
    helpTypes: ['errands', 'company', 'rides'],
    slots: mornings(1, 2, 3),
    km: 5,
    means: ['car'],
    capacity: 2,
    commitment: 'both',
  },
];

const volunteerEmail = (name: string, slug: string) =>
  `${name
    .normalize('NFD')
    .replaceAll(/[\u0300-\u036f]/g, '')
    .replaceAll('ı', 'i')
    .toLowerCase()
    .replaceAll(/[^a-z]+/g, '.')}@${slug}.demo`;

export async function seedHelp(
  database: Database,
  tenantId: string,
  slug: string,
  city: DemoHousehold[],
  now = new Date(),
): Promise<void> {
  await database.inTenant(tenantId, async (tx) => {
    const typeRows = demoHelpTypes.map(([code, names, requiredScreenings], sort) => ({
      tenantId,
      id: demoId(slug, 'help-type', code),
      code,
      names,
      requiredScreenings,
      // Driving someone somewhere takes a car.
      requiredMeans: code === 'rides' || code === 'child_rides' ? ['car'] : [],
      sort,
    }));
    await tx.insert(helpTypes).values(typeRows).onConflictDoNothing();

    const areas = await tx
      .select({ id: neighbourhoods.id, name: neighbourhoods.name, outline: neighbourhoods.outline })
      .from(neighbourhoods)
      .where(eq(neighbourhoods.tenantId, tenantId));
    const areaByName = new Map(areas.map((a) => [a.name, a]));
    const userRows = demoVolunteers.map((v) => ({
      tenantId,
      id: demoId(slug, 'volunteer', v.name),
      email: volunteerEmail(v.name, slug),
      displayName: v.name,
      roles: ['volunteer'],
      language: v.languages.includes('fr') && !v.languages.includes('nl') ? 'fr' : 'nl',
    }));
    const added = await tx.insert(users).values(userRows).onConflictDoNothing().returning({ id: users.id });
    // Demo numbers in a range no one is given (0470 00 00 xx): Vera 01, the others from 10 on.
    const demoPhone = (n: number) => `0470 00 00 ${String(n).padStart(2, '0')}`;
    const profile = (v: DemoVolunteer, userId: string, phone: string) => {
      const area = areaByName.get(v.area) ?? areas[0]!;
      const home = centreOf(area.outline);
      const screened = v.screened !== false;
      return {
        tenantId,
        userId,
        phone,
        helpTypes: v.helpTypes,
        languages: v.languages,
        homeAreaId: area.id,
        homeLat: home.lat,
        homeLon: home.lon,
        maxDistanceKm: v.km,
        commitment: v.commitment,
        slots: v.slots,
        means: v.means,
        capacity: v.capacity,
        wantsCoaching: v.coach ?? false,
        // Screened well before the demo's year of requests (seedHistory) began.
        intakeDoneOn: screened ? brusselsDay(-400, now) : null,
        agreementSignedOn: screened ? brusselsDay(-400, now) : null,
        goodConductOn: v.goodConduct ? brusselsDay(-395, now) : null,
      };
    };
    await tx
      .insert(volunteers)
      .values(demoVolunteers.map((v, i) => profile(v, demoId(slug, 'volunteer', v.name), demoPhone(10 + i))))
      .onConflictDoNothing();
    // The demo account Vera Vrijwilliger gets a profile too, so signing in as her shows the volunteer page.
    const [vera] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.email, `volunteer@${slug}.demo`)));
    if (vera) {
      await tx
        .insert(volunteers)
        .values(
          profile(
            {
              name: 'Vera Vrijwilliger',
              area: 'Centrum',
              languages: ['nl', 'en', 'fr'],
              helpTypes: ['errands', 'company', 'digital'],
              slots: [...mornings(1, 3), ...afternoons(1, 3)],
              km: 6,
              means: ['bike', 'car'],
              capacity: 2,
              commitment: 'both',
            },
            vera.id,
            demoPhone(1),
          ),
        )
        .onConflictDoNothing();
    }
    const open = await seedNeeds(tx, tenantId, slug, city, now, vera?.id ?? null);
    if (open) await seedHistory(tx, tenantId, slug, city, now, open);
    if (added.length > 0) {
      await recordAudit(
        tx,
        { tenantId, userId: null, label: 'demo seed' },
        {
          action: 'help.seeded',
          recordType: 'tenant',
          recordId: tenantId,
          details: { volunteers: added.length },
        },
      );
    }
  });
}

async function seedNeeds(
  tx: Tx,
  tenantId: string,
  slug: string,
  city: DemoHousehold[],
  now: Date,
  veraId: string | null,
): Promise<DemoHousehold[] | null> {
  const [existing] = await tx
    .select({ id: helpNeeds.id })
    .from(helpNeeds)
    .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.id, demoId(slug, 'need', 0))));
  if (existing) return null;
  // Families who agreed to be helped through Genk Helpt (their newest statement counts) and whom a
  // volunteer can call: the volunteer who says yes sees a phone number, not "—".
  const agreed: DemoHousehold[] = [];
  for (const household of city.slice(1)) {
    const reference = household.members[0]!;
    if (!reference.contacts.some((c) => c.channel === 'phone')) continue;
    if (await mayAct(tx, tenantId, reference.id, 'help_matching')) agreed.push(household);
    if (agreed.length >= 7) break;
  }
  const locate = await neighbourhoodLocator(tx, tenantId);
  const plans: {
    type: string;
    description: string;
    timing: (typeof helpNeeds.$inferInsert)['timing'];
    urgency: 'low' | 'normal' | 'high';
    languages?: string[];
    daysAgo: number;
  }[] = [
    {
      type: 'errands',
      description: 'Wekelijkse boodschappen in de supermarkt om de hoek; het lijstje ligt klaar aan de deur.',
      timing: { kind: 'moment', date: brusselsWeekday(1, 2, now), start: 10 * 60, end: 11 * 60 },
      urgency: 'high',
      daysAgo: 1,
    },
    {
      type: 'child_rides',
      description:
        'Twee kinderen op woensdagnamiddag naar de voetbaltraining brengen, samen met de andere ouders.',
      timing: {
        kind: 'recurring',
        slots: [{ day: 2, start: 14 * 60, end: 16 * 60 }],
        range: { from: brusselsWeekday(2, 1, now), to: brusselsWeekday(2, 90, now) },
      },
      urgency: 'normal',
      daysAgo: 3,
    },
    {
      type: 'paperwork',
      description: 'Hulp bij het lezen en beantwoorden van brieven over het energiecontract.',
      timing: {
        kind: 'window',
        range: { from: brusselsDay(0, now), to: brusselsWeekday(4, 10, now) },
      },
      urgency: 'normal',
      daysAgo: 2,
    },
    {
      type: 'language_buddy',
      description: 'Eén keer per week Nederlands oefenen bij een kop koffie.',
      timing: {
        kind: 'recurring',
        slots: [{ day: 3, start: 14 * 60, end: 15 * 60 }],
        range: { from: brusselsWeekday(3, 1, now), to: brusselsWeekday(3, 120, now) },
      },
      urgency: 'low',
      daysAgo: 6,
    },
    {
      type: 'repairs',
      description: 'Een lekkende kraan en een kastdeur die los hangt.',
      timing: { kind: 'moment', date: brusselsWeekday(6, 3, now), start: 7 * 60, end: 8 * 60 },
      urgency: 'low',
      daysAgo: 9,
    },
    {
      type: 'digital',
      description: 'De nieuwe laptop voor school instellen, met de app van de school.',
      timing: { kind: 'moment', date: brusselsWeekday(3, 2, now), start: 10 * 60, end: 11 * 60 },
      urgency: 'normal',
      daysAgo: 1,
    },
  ];
  const actor = { tenantId, userId: null, label: 'Sofie Maatschappelijk Werker' };
  for (const [i, plan] of plans.entries()) {
    const household = agreed[i];
    if (!household) break;
    const id = demoId(slug, 'need', i);
    const createdAt = new Date(now.getTime() - plan.daysAgo * 86_400_000);
    const languages = plan.languages ?? household.members[0]!.languages.slice(0, 2);
    const typeNames = demoHelpTypes.find(([code]) => code === plan.type)![1];
    await tx.insert(helpNeeds).values({
      tenantId,
      id,
      householdId: household.id,
      contactPersonId: household.members[0]!.id,
      helpType: plan.type,
      description: plan.description,
      timing: plan.timing,
      languages,
      urgency: plan.urgency,
      source: 'staff',
      lat: household.address.lat,
      lon: household.address.lon,
      areaId: locate(household.address.lon, household.address.lat),
      createdAt,
    });
    await tx.insert(helpNeedEvents).values({
      tenantId,
      id: demoId(slug, 'need-event', i),
      needId: id,
      toStatus: 'new',
      actorName: actor.label,
      reason: 'posted',
      reasonKey: 'posted',
      at: createdAt,
    });
    await recordContact(tx, actor, {
      householdId: household.id,
      personId: household.members[0]!.id,
      occurredAt: createdAt,
      channel: 'phone',
      purpose: 'help',
      // Worded in the reader's language from the key, as the help module writes it; Dutch otherwise.
      summary: `Genk Helpt (${typeNames.nl}): hulpvraag geregistreerd`,
      summaryKey: 'help.new',
      summaryValues: { type: typeNames },
      visibility: 'general',
      module: 'help',
      recordType: 'help_need',
      recordId: id,
    });
  }
  // One request already waits for Vera's answer, so the board and her page have something to show.
  if (veraId && agreed.length > 5) {
    const needId = demoId(slug, 'need', 5);
    const matchId = demoId(slug, 'match', 5);
    const expiresAt = new Date(now.getTime() + 36 * 3600_000);
    // Free on Thursday mornings and helping nobody else right now: worded in each reader's language.
    const veraReasons: SoftReason[] = [
      { kind: 'free', day: 3, start: 9 * 60 },
      { kind: 'light_load', activeMatches: 0 },
    ];
    await tx
      .update(helpNeeds)
      .set({ status: 'proposed' })
      .where(and(eq(helpNeeds.tenantId, tenantId), eq(helpNeeds.id, needId)));
    await tx.insert(helpMatches).values({
      tenantId,
      id: matchId,
      needId,
      volunteerId: veraId,
      score: 80,
      explanation: explain(veraReasons, 'nl'),
      reasons: veraReasons,
      proposedAt: new Date(now.getTime() - 12 * 3600_000),
      expiresAt,
    });
    await enqueue(
      tx,
      tenantId,
      'help.proposal.expire',
      { matchId },
      { runAt: expiresAt, singletonKey: `help:${matchId}` },
    );
  }
  return agreed;
}

/**
 * The kinds of help asked most in the past year and where: enough requests in a few neighbourhoods
 * for the figures to show counts, shares and medians (5 or more), and a few requests elsewhere that
 * stay "fewer than 5". Each entry: kind of help, the how-manieth neighbourhood (by number of families
 * who agreed to be helped, most first), and how many requests.
 */
const history: [string, number, number][] = [
  ['errands', 0, 8],
  ['paperwork', 0, 5],
  ['digital', 1, 6],
  ['company', 2, 5],
  ['errands', 1, 5],
  ['repairs', 1, 2],
  ['paperwork', 2, 3],
  ['digital', 3, 1],
];
/** Hours until a volunteer said yes, taken in turn: most within two days, some later. */
const hoursToMatch = [3, 20, 7, 44, 30, 70, 12, 100, 26];

/**
 * A year of requests closed before the demo's open ones, for families who agreed to be helped
 * before they asked (not those of the open requests), by the module's own rules: each posted by
 * staff and proposed to a screened volunteer who offers that kind of help, takes one-off help, lives
 * within their reach and is free then (the help falls in one of their weekly slots); the yes comes
 * before the proposal runs out, the help after the yes, the report and the family's feedback after
 * the help; now and then a request is closed before anyone is found. With their history and the
 * steps on the family's timeline, as the module writes them. Dated from the day of seeding, so the
 * figures' year slides past them on a demo kept for months: seed a new one to refresh it.
 */
async function seedHistory(
  tx: Tx,
  tenantId: string,
  slug: string,
  city: DemoHousehold[],
  now: Date,
  open: DemoHousehold[],
) {
  const taken = new Set(open.map((h) => h.id));
  // Families who agreed, with how long ago their (latest) agreement was given.
  const byArea = new Map<string, { household: DemoHousehold; agreedDaysAgo: number }[]>();
  for (const household of city.slice(1)) {
    const reference = household.members[0]!;
    if (taken.has(household.id) || !reference.contacts.some((c) => c.channel === 'phone')) continue;
    if (!(await mayAct(tx, tenantId, reference.id, 'help_matching'))) continue;
    const statements = household.consents.filter(
      (c) => c.personId === reference.id && c.purpose === 'help_matching' && c.status === 'given',
    );
    if (statements.length === 0) continue;
    const agreedDaysAgo = Math.min(...statements.map((c) => c.daysAgo));
    const list = byArea.get(household.neighbourhood) ?? [];
    list.push({ household, agreedDaysAgo });
    byArea.set(household.neighbourhood, list);
  }
  const areas = [...byArea.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const locate = await neighbourhoodLocator(tx, tenantId);
  const outlines = await tx
    .select({ name: neighbourhoods.name, outline: neighbourhoods.outline })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.tenantId, tenantId));
  const homeOf = new Map(outlines.map((a) => [a.name, centreOf(a.outline)]));
  const [worker] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, `social-worker@${slug}.demo`)));
  const staff = { tenantId, userId: worker?.id ?? null, label: 'Sofie Maatschappelijk Werker' };
  let k = 0;
  for (const [type, areaRank, count] of history) {
    const families = areas[areaRank]?.[1];
    if (!families) continue;
    const names = demoHelpTypes.find(([code]) => code === type)![1];
    for (let i = 0; i < count; i++, k++) {
      const daysAgo = 340 - k * 9;
      // A family that had agreed before it asked.
      const agreed = families.filter((f) => f.agreedDaysAgo > daysAgo);
      const household = agreed[k % Math.max(1, agreed.length)]?.household;
      if (!household) continue;
      const reference = household.members[0]!;
      const id = demoId(slug, 'past-need', k);
      // Spread over the past year, the oldest first; the last one about a month ago.
      const createdAt = new Date(now.getTime() - daysAgo * 86_400_000);
      const at = (hours: number) => new Date(createdAt.getTime() + hours * 3600_000);
      // Volunteers who may take it: screened, offering it, for one-off help, within their reach.
      const helpers = demoVolunteers.filter((v) => {
        const home = homeOf.get(v.area);
        return (
          v.screened !== false &&
          v.commitment !== 'recurring' &&
          v.helpTypes.includes(type) &&
          home !== undefined &&
          distanceKm(home, household.address) <= v.km
        );
      });
      const helper = k % 9 === 8 ? undefined : helpers[k % Math.max(1, helpers.length)];
      const matchedHours = hoursToMatch[k % hoursToMatch.length]!;
      // Proposed a day before the yes (or an hour after posting), answered within its 48 hours.
      const proposedAt = at(Math.max(1, matchedHours - 24));
      const slot = helper ? helper.slots[k % helper.slots.length]! : { day: 0, start: 10 * 60, end: 12 * 60 };
      // The help on the volunteer's next free weekday after the yes, for up to two hours of their slot.
      const day = brusselsWeekday(slot.day, 1, at(matchedHours));
      const timing = {
        kind: 'moment' as const,
        date: day,
        start: slot.start,
        end: Math.min(slot.end, slot.start + 120),
      };
      // Reported done the day after the help, and the family's word taken a day later.
      const closedAt = helper ? new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000) : at(5 * 24);
      const feedbackAt = new Date(closedAt.getTime() + 86_400_000);
      const rating = 4 + (k % 2);
      await tx.insert(helpNeeds).values({
        tenantId,
        id,
        householdId: household.id,
        contactPersonId: reference.id,
        helpType: type,
        description: pastDescriptions[type] ?? names.nl,
        timing,
        languages: reference.languages.slice(0, 2),
        urgency: k % 4 === 0 ? 'high' : k % 4 === 3 ? 'low' : 'normal',
        source: 'staff',
        postedBy: staff.userId,
        status: helper ? 'done' : 'cancelled',
        lat: household.address.lat,
        lon: household.address.lon,
        areaId: locate(household.address.lon, household.address.lat),
        createdAt,
        matchedAt: helper ? at(matchedHours) : null,
        closedAt,
        residentRating: helper ? rating : null,
        residentFeedbackBy: helper ? 'staff' : null,
        residentFeedbackAt: helper ? feedbackAt : null,
      });
      const volunteer = helper
        ? { tenantId, userId: demoId(slug, 'volunteer', helper.name), label: helper.name }
        : null;
      type Step = {
        toStatus: 'new' | 'proposed' | 'accepted' | 'done' | 'cancelled';
        at: Date;
        by: typeof staff;
        reason: string;
        reasonKey: string | null;
        reasonValues?: Record<string, number>;
        /** The timeline's key when not the status (the family's feedback), with its values. */
        timeline?: { key: string; words: string; values: Record<string, number> };
      };
      const steps: Step[] = [
        { toStatus: 'new', at: createdAt, by: staff, reason: 'posted', reasonKey: 'posted' },
      ];
      if (helper && volunteer) {
        steps.push(
          {
            toStatus: 'proposed',
            at: proposedAt,
            by: staff,
            reason: 'proposed to 1 volunteer',
            reasonKey: 'proposed',
            reasonValues: { count: 1 },
          },
          {
            toStatus: 'accepted',
            at: at(matchedHours),
            by: volunteer,
            reason: 'the volunteer accepted',
            reasonKey: 'accepted',
          },
          {
            toStatus: 'done',
            at: closedAt,
            by: volunteer,
            reason: 'the volunteer reported the help given',
            reasonKey: 'completed',
          },
          {
            toStatus: 'done',
            at: feedbackAt,
            by: staff,
            reason: 'feedback from the family',
            reasonKey: 'feedback',
            timeline: { key: 'feedback', words: `feedback van het gezin (${rating}/5)`, values: { rating } },
          },
        );
      } else {
        // Staff write why they close a request in their own words.
        steps.push({
          toStatus: 'cancelled',
          at: closedAt,
          by: staff,
          reason: 'De familie vond intussen zelf hulp.',
          reasonKey: null,
        });
      }
      let from: string | null = null;
      for (const [j, step] of steps.entries()) {
        await tx.insert(helpNeedEvents).values({
          tenantId,
          id: demoId(slug, `past-need-event-${k}`, j),
          needId: id,
          fromStatus: from === step.toStatus ? null : from,
          toStatus: step.toStatus,
          actorId: step.by.userId,
          actorName: step.by.label,
          reason: step.reason,
          reasonKey: step.reasonKey,
          reasonValues: step.reasonValues ?? null,
          at: step.at,
        });
        from = step.toStatus;
        const key = step.timeline?.key ?? step.toStatus;
        await recordContact(tx, step.by, {
          householdId: household.id,
          personId: reference.id,
          occurredAt: step.at,
          channel: step.toStatus === 'new' ? 'phone' : 'online',
          purpose: 'help',
          summary: `Genk Helpt (${names.nl}): ${step.timeline?.words ?? pastTimeline[step.toStatus]}`,
          summaryKey: `help.${key}`,
          summaryValues: { type: names, ...step.timeline?.values },
          visibility: 'general',
          module: 'help',
          recordType: 'help_need',
          recordId: id,
        });
      }
      if (!helper || !volunteer) continue;
      // Why they were asked, worded in each reader's language like the engine's proposals.
      const reasons: SoftReason[] = [
        {
          kind: 'distance',
          km: Math.round(distanceKm(homeOf.get(helper.area)!, household.address) * 10) / 10,
        },
        { kind: 'free', day: slot.day, start: slot.start },
      ];
      await tx.insert(helpMatches).values({
        tenantId,
        id: demoId(slug, 'past-match', k),
        needId: id,
        volunteerId: volunteer.userId,
        status: 'completed',
        score: 70 + (k % 20),
        explanation: explain(reasons, 'nl'),
        reasons,
        proposedBy: staff.userId,
        proposedAt,
        expiresAt: new Date(proposedAt.getTime() + PROPOSAL_TTL_MS),
        respondedAt: at(matchedHours),
        closedAt,
        minutes: 60 + 30 * (k % 4),
        volunteerRating: 4 + ((k + 1) % 2),
      });
    }
  }
}

/** What the past requests asked, in the words staff would write (Dutch, as Genk's staff do). */
const pastDescriptions: Record<string, string> = {
  errands: 'Boodschappen doen in de supermarkt; het lijstje ligt klaar.',
  paperwork: 'Samen een brief van de ziekenkas lezen en beantwoorden.',
  digital: 'De app van de bank instellen op een nieuwe smartphone.',
  company: 'Een namiddag gezelschap en een wandeling in de buurt.',
  repairs: 'Een lamp ophangen en een deur die klemt.',
};

/** The timeline's Dutch words for each step (the reader sees the key, worded in their language). */
const pastTimeline = {
  new: 'hulpvraag geregistreerd',
  proposed: 'een vrijwilliger werd gevraagd',
  accepted: 'een vrijwilliger zei ja',
  done: 'hulp gegeven',
  cancelled: 'hulpvraag afgesloten',
} as const;
