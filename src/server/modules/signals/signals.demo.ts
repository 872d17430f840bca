import { and, eq } from 'drizzle-orm';
import { brusselsDay } from '../../../shared/brussels.ts';
import type { SignalInput } from '../../../shared/signals.schemas.ts';
import type { Database } from '../../db/client.ts';
import { generateDemoCity } from '../../db/seed/demo-city.ts';
import { users } from '../identity/identity.tables.ts';
import { ingestSignals, knownReferences } from './intake.service.ts';
import { partnerOrganisations, signalTeams } from './signals.tables.ts';

export const DEMO_PARTNER = 'Energie Limburg (demo)';
export const DEMO_TEAM = 'Team energie en wonen';

/**
 * The demo's early signals: an energy supplier linked to the demo partner account, a team of the
 * demo social worker led by the demo coordinator, and a few signals about demo households (one
 * linked by national number, one by name, birth date and address, one for review). Idempotent:
 * the partner, the team and each signal reference are created once.
 */
export async function seedSignalsDemo(database: Database, tenantId: string, slug: string): Promise<void> {
  await database.inTenant(tenantId, async (tx) => {
    const accounts = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.tenantId, tenantId));
    const idOf = (role: string) => accounts.find((a) => a.email === `${role}@${slug}.demo`)?.id ?? null;
    await tx
      .insert(partnerOrganisations)
      .values({
        tenantId,
        name: DEMO_PARTNER,
        kind: 'energy_supplier',
        memberUserIds: [idOf('partner')].filter((id): id is string => id !== null),
      })
      .onConflictDoNothing();
    await tx
      .insert(signalTeams)
      .values({
        tenantId,
        name: DEMO_TEAM,
        leadUserId: idOf('coordinator'),
        memberUserIds: [idOf('social-worker')].filter((id): id is string => id !== null),
      })
      .onConflictDoNothing();
    const [partner] = await tx
      .select({ id: partnerOrganisations.id })
      .from(partnerOrganisations)
      .where(and(eq(partnerOrganisations.tenantId, tenantId), eq(partnerOrganisations.name, DEMO_PARTNER)));
    const city = generateDemoCity(slug, 12);
    const address = (h: (typeof city)[number]) => ({
      street: h.address.street,
      houseNumber: h.address.houseNumber,
      box: h.address.box,
      postcode: '3600',
      municipality: 'Genk',
    });
    const ozturk = city[0]!;
    const mehmet = ozturk.members[0]!;
    const second = city[3]!;
    const secondAdult = second.members[0]!;
    const third = city[5]!;
    const thirdAdult = third.members[0]!;
    const signals: SignalInput[] = [
      {
        reference: 'DEMO-E-1',
        kind: 'energy',
        givenName: mehmet.givenName,
        familyName: mehmet.familyName,
        birthDate: mehmet.birthDate,
        nationalNumber: mehmet.nationalNumber,
        ...address(ozturk),
        amountCents: 84_250,
        arrearsSince: brusselsDay(-120),
        plannedAction: 'disconnection',
        plannedDate: brusselsDay(25),
        phone: '0478 21 43 65',
      },
      {
        reference: 'DEMO-E-2',
        kind: 'energy',
        givenName: secondAdult.givenName,
        familyName: secondAdult.familyName,
        birthDate: secondAdult.birthDate,
        ...address(second),
        amountCents: 31_000,
        arrearsSince: brusselsDay(-75),
        plannedAction: 'none',
      },
      {
        reference: 'DEMO-E-3',
        kind: 'energy',
        givenName: thirdAdult.givenName,
        familyName: thirdAdult.familyName,
        birthDate: thirdAdult.birthDate,
        street: 'Europalaan',
        houseNumber: '101',
        postcode: '3600',
        municipality: 'Genk',
        amountCents: 12_500,
        plannedAction: 'none',
      },
    ];
    const known = await knownReferences(
      tx,
      tenantId,
      partner!.id,
      signals.map((s) => s.reference),
    );
    const fresh = signals.filter((s) => !known.has(s.reference));
    if (fresh.length === 0) return;
    await ingestSignals(
      tx,
      { tenantId, userId: null, label: 'demo seed' },
      { partnerId: partner!.id, via: 'api', format: 'demo' },
      fresh.map((input, index) => ({ row: index + 1, input })),
    );
  });
}
