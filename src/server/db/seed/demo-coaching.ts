import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../modules/audit/audit.service.ts';
import {
  coachingAttendance,
  coachingCoaches,
  coachingCohorts,
  coachingGoals,
  coachingMeetings,
  coachingProgrammes,
  coachingReferrals,
  coachingTrainingSessions,
  coachingTrajectories,
} from '../../modules/coaching/coaching.tables.ts';
import { centreOf } from '../../modules/help/help.matching.ts';
import { users } from '../../modules/identity/identity.tables.ts';
import { ageOn } from '../../modules/registry/persons.service.ts';
import { neighbourhoods } from '../../modules/registry/registry.tables.ts';
import type { Database } from '../client.ts';
import { type DemoHousehold, demoId } from './demo-city.ts';

export const DEMO_PROGRAMME = 'Talentcoaching voor gezinnen';

/** The ages of the children the demo programme is for. */
const DEMO_AGES = { from: 4, to: 6 };

const day = (now: Date, offset: number) =>
  new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

interface DemoCoach {
  name: string;
  /** The demo account coach@<slug>.demo when set. */
  account?: boolean;
  languages: string[];
  background?: string;
  interests: string[];
  gender: 'female' | 'male';
  area: string;
  capacity: number;
  topics: string[];
}

const demoCoaches: DemoCoach[] = [
  {
    name: 'Carla Coach',
    account: true,
    languages: ['nl', 'tr'],
    background: 'Turks-Belgisch',
    interests: ['voetbal', 'koken', 'voorlezen'],
    gender: 'female',
    area: 'Winterslag',
    capacity: 2,
    topics: ['communication', 'involvement', 'boundaries'],
  },
  {
    name: 'Dirk Dewaele',
    languages: ['nl', 'fr'],
    interests: ['fietsen', 'muziek'],
    gender: 'male',
    area: 'Centrum',
    capacity: 1,
    topics: ['communication', 'involvement', 'boundaries'],
  },
  {
    name: 'Leila Haddad',
    languages: ['nl', 'ar', 'fr'],
    background: 'Marokkaans-Belgisch',
    interests: ['tekenen', 'zwemmen'],
    gender: 'female',
    area: 'Waterschei',
    capacity: 2,
    topics: ['communication', 'involvement', 'boundaries'],
  },
  {
    name: 'Marc Claes',
    languages: ['nl', 'it'],
    interests: ['voetbal'],
    gender: 'male',
    area: 'Zwartberg',
    capacity: 1,
    topics: ['communication'],
  },
];

const topics = [
  ['communication', 'Vorming 1: communiceren met gezinnen'],
  ['involvement', 'Vorming 2: betrokken zijn, en grenzen aan je betrokkenheid'],
  ['boundaries', 'Vorming 3: wat een coach doet, en wat niet'],
] as const;

/**
 * Talent coaching in the demo city: one programme with the pilot cohort of 20 and the next of 150,
 * a training curriculum of three sessions, four coaches (Carla Coach, the demo account, speaks
 * Turkish and is trained; Marc has not finished the training), and referrals from the demo
 * referrer: the Öztürk family coached by Carla, a family accepted and waiting for its coach, two new
 * referrals and one on the waiting list. A second run finds the programme and changes nothing.
 */
export async function seedCoaching(
  database: Database,
  tenantId: string,
  slug: string,
  city: DemoHousehold[],
  now = new Date(),
): Promise<void> {
  await database.inTenant(tenantId, async (tx) => {
    const [existing] = await tx
      .select({ id: coachingProgrammes.id })
      .from(coachingProgrammes)
      .where(and(eq(coachingProgrammes.tenantId, tenantId), eq(coachingProgrammes.name, DEMO_PROGRAMME)));
    if (existing) return;
    const accounts = await tx.select().from(users).where(eq(users.tenantId, tenantId));
    const referrer = accounts.find((u) => u.email === `referrer@${slug}.demo`);
    const carla = accounts.find((u) => u.email === `coach@${slug}.demo`);
    if (!referrer || !carla) return;
    const areas = await tx.select().from(neighbourhoods).where(eq(neighbourhoods.tenantId, tenantId));
    const areaByName = new Map(areas.map((a) => [a.name, a]));

    const programmeId = demoId(slug, 'coaching', 'programme');
    await tx.insert(coachingProgrammes).values({
      tenantId,
      id: programmeId,
      name: DEMO_PROGRAMME,
      targetGroup: {
        childAgeFrom: DEMO_AGES.from,
        childAgeTo: DEMO_AGES.to,
        description: 'Gezinnen met een kind van ongeveer vijf jaar, bij de overstap naar de lagere school',
      },
      capacity: 170,
      startsOn: '2026-01-01',
      endsOn: '2029-12-31',
      requiredSessions: ['communication', 'involvement', 'boundaries'],
      safetySituations: [
        'Een kind is in gevaar',
        'Iemand in het gezin wordt bedreigd of mishandeld',
        'Acuut medisch gevaar',
      ],
    });
    const pilot = demoId(slug, 'coaching', 'cohort', 'pilot');
    const next = demoId(slug, 'coaching', 'cohort', 'next');
    await tx.insert(coachingCohorts).values([
      { tenantId, id: pilot, programmeId, name: 'Pilot', size: 20, startsOn: '2026-03-01' },
      { tenantId, id: next, programmeId, name: 'Tweede groep', size: 150, startsOn: '2027-01-15' },
    ]);
    const sessionIds = new Map<string, string>();
    for (const [i, [topic, title]] of topics.entries()) {
      const id = demoId(slug, 'coaching', 'session', topic);
      sessionIds.set(topic, id);
      await tx
        .insert(coachingTrainingSessions)
        .values({ tenantId, id, topic, title, heldOn: `2026-02-0${3 + i * 2}` });
    }

    const coachIds = new Map<string, string>();
    for (const c of demoCoaches) {
      let userId = carla.id;
      if (!c.account) {
        userId = demoId(slug, 'coach', c.name);
        await tx.insert(users).values({
          tenantId,
          id: userId,
          email: `${c.name.toLowerCase().replaceAll(' ', '.')}@${slug}.demo`,
          displayName: c.name,
          roles: ['volunteer', 'coach'],
          language: 'nl',
        });
      }
      coachIds.set(c.name, userId);
      const area = areaByName.get(c.area) ?? areas[0]!;
      const home = centreOf(area.outline);
      await tx.insert(coachingCoaches).values({
        tenantId,
        userId,
        languages: c.languages,
        background: c.background ?? null,
        backgroundConsent: c.background !== undefined,
        interests: c.interests,
        gender: c.gender,
        areaId: area.id,
        homeLat: home.lat,
        homeLon: home.lon,
        maxDistanceKm: 12,
        hoursPerMonth: 8,
        availableUntil: '2028-12-31',
        capacity: c.capacity,
        screenedOn: '2026-01-20',
      });
      await tx
        .insert(coachingAttendance)
        .values(c.topics.map((topic) => ({ tenantId, sessionId: sessionIds.get(topic)!, coachId: userId })));
    }

    // Families: the Öztürk family first (coached by Carla), then households with a young child.
    // (Not Turkish-speaking: Carla's one free place stays for the family of the demo journey.)
    const withYoungChild = city.filter(
      (h) =>
        h.members.some(
          (m) => m.relation === 'child' && m.birthDate >= '2019-06-01' && m.birthDate <= '2022-06-01',
        ) && !h.members.some((m) => m.languages.includes('tr')),
    );
    const families = [city[0]!, ...withYoungChild.filter((h) => h.id !== city[0]!.id).slice(0, 4)];
    const plans: {
      status: 'referred' | 'accepted' | 'waiting';
      cohortId: string | null;
      kind: 'kindergarten' | 'school' | 'welfare_centre' | 'summer_school';
      organisation: string;
      situation: string;
      reason: string | null;
      daysAgo: number;
    }[] = [
      {
        status: 'accepted',
        cohortId: pilot,
        kind: 'kindergarten',
        organisation: 'Kleuterschool De Regenboog',
        situation:
          'De ouders willen graag meer mensen leren kennen in Genk; Elif start volgend jaar in het eerste leerjaar.',
        reason: 'Welkom in de pilotgroep! Carla wordt jullie coach.',
        daysAgo: 120,
      },
      {
        status: 'accepted',
        cohortId: pilot,
        kind: 'school',
        organisation: 'Basisschool Sint-Jan',
        situation: 'Het gezin is net verhuisd en kent nog weinig mensen in de buurt.',
        reason: 'Welkom in de pilotgroep! We zoeken een coach die bij jullie past.',
        daysAgo: 30,
      },
      {
        status: 'referred',
        cohortId: null,
        kind: 'welfare_centre',
        organisation: 'OCMW Genk',
        situation: 'Mama zoekt hulp bij het schoolgaan van de jongste en wil haar Nederlands oefenen.',
        reason: null,
        daysAgo: 6,
      },
      {
        status: 'referred',
        cohortId: null,
        kind: 'summer_school',
        organisation: 'Zomerschool Genk',
        situation:
          'Tijdens de zomerschool vroeg papa of er iemand kan meedenken over vrije tijd voor de kinderen.',
        reason: null,
        daysAgo: 3,
      },
      {
        status: 'waiting',
        cohortId: null,
        kind: 'kindergarten',
        organisation: 'Kleuterschool Het Klavertje',
        situation: 'Het gezin wil graag een coach, maar kan pas na de zomer starten.',
        reason: 'Jullie staan op de wachtlijst voor de tweede groep; we bellen jullie in december.',
        daysAgo: 45,
      },
    ];
    for (const [i, household] of families.entries()) {
      const plan = plans[i];
      if (!plan) break;
      // A child of the programme's ages where the family has one, else the youngest: referrers
      // write of "de jongste", and one family with an older child shows the intake's age note.
      const children = household.members
        .filter((m) => m.relation === 'child')
        .sort((a, b) => b.birthDate.localeCompare(a.birthDate));
      const child =
        children.find((m) => {
          const age = ageOn(m.birthDate, now) ?? -1;
          return age >= DEMO_AGES.from && age <= DEMO_AGES.to;
        }) ??
        children[0] ??
        household.members.at(-1)!;
      const parents = household.members.filter(
        (m) => m.relation === 'reference_person' || m.relation === 'partner',
      );
      const parent = parents[0] ?? household.members[0]!;
      const area = areaByName.get(household.neighbourhood) ?? areas[0]!;
      const referralId = demoId(slug, 'coaching', 'referral', household.id);
      const createdAt = new Date(now.getTime() - plan.daysAgo * 86_400_000);
      await tx.insert(coachingReferrals).values({
        tenantId,
        id: referralId,
        programmeId,
        cohortId: plan.cohortId,
        referrerId: referrer.id,
        referrerKind: plan.kind,
        referrerOrganisation: plan.organisation,
        parentFirstNames: (parents.length ? parents : [parent]).map((p) => p.givenName).join(' en '),
        familyName: parent.familyName,
        childFirstName: child.givenName,
        childBirthDate: child.birthDate,
        street: household.address.street,
        houseNumber: household.address.houseNumber,
        postcode: '3600',
        areaId: area.id,
        phone: parent.contacts.find((c) => c.channel === 'phone')?.value ?? null,
        languages: parent.languages,
        sharedBackground: i === 0 ? 'Turks-Belgisch' : null,
        interests: i === 0 ? ['voetbal'] : [],
        situation: plan.situation,
        consentGiven: true,
        consentFreeToRefuse: true,
        consentMethod: 'signed_form',
        consentOn: day(createdAt, 0),
        status: plan.status,
        intakeOn: plan.status === 'referred' ? null : day(createdAt, 7),
        reasonForFamily: plan.reason,
        householdId: plan.status === 'accepted' ? household.id : null,
        decidedBy:
          plan.status === 'referred'
            ? null
            : accounts.find((u) => u.email === `coordinator@${slug}.demo`)?.id,
        decidedAt: plan.status === 'referred' ? null : new Date(createdAt.getTime() + 7 * 86_400_000),
        createdAt,
      });
      if (i === 0) {
        const trajectoryId = demoId(slug, 'coaching', 'trajectory', household.id);
        const startedOn = day(now, -100);
        await tx.insert(coachingTrajectories).values({
          tenantId,
          id: trajectoryId,
          referralId,
          cohortId: pilot,
          householdId: household.id,
          coachId: carla.id,
          startedOn,
          plannedEndOn: day(now, -100 + 730),
          score: 100,
          explanation: 'spreekt Turks, deelt de achtergrond die het gezin vroeg, 0,4 km verderop',
          decision: 'proposal',
        });
        const meetings: [number, 'home_visit' | 'outing' | 'phone', number, string[]][] = [
          [-98, 'home_visit', 90, ['network']],
          [-80, 'outing', 120, ['leisure']],
          [-60, 'home_visit', 60, ['school']],
          [-38, 'phone', 20, ['school']],
          [-20, 'outing', 150, ['leisure', 'network']],
          [-5, 'home_visit', 60, ['language']],
        ];
        await tx.insert(coachingMeetings).values(
          meetings.map(([offset, kind, minutes, t], k) => ({
            tenantId,
            id: demoId(slug, 'coaching', 'meeting', household.id, k),
            trajectoryId,
            heldOn: day(now, offset),
            kind,
            minutes,
            topics: t,
            createdBy: carla.id,
          })),
        );
        await tx.insert(coachingGoals).values([
          {
            tenantId,
            id: demoId(slug, 'coaching', 'goal', household.id, 1),
            trajectoryId,
            domain: 'leisure' as const,
            description: `${child.givenName} gaat naar de voetbalclub in de wijk`,
            progress: 3,
          },
          {
            tenantId,
            id: demoId(slug, 'coaching', 'goal', household.id, 2),
            trajectoryId,
            domain: 'network' as const,
            description: 'Andere ouders van de klas leren kennen',
            progress: 1,
          },
        ]);
      }
    }
    await recordAudit(
      tx,
      { tenantId, userId: null, label: 'demo seed' },
      {
        action: 'coaching.seeded',
        recordType: 'tenant',
        recordId: tenantId,
        details: { coaches: demoCoaches.length },
      },
    );
  });
}
