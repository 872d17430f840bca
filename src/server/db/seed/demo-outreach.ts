import { and, eq } from 'drizzle-orm';
import { brusselsDay } from '../../../shared/brussels.ts';
import type { Role } from '../../../shared/permissions.ts';
import { users } from '../../modules/identity/identity.tables.ts';
import { createCampaign, planCampaign } from '../../modules/outreach/outreach.service.ts';
import { outreachCampaigns } from '../../modules/outreach/outreach.tables.ts';
import { neighbourhoods } from '../../modules/registry/registry.tables.ts';
import type { Database } from '../client.ts';

export const DEMO_CAMPAIGN = 'Hoe gaat het met u? Kolderbos';

/**
 * Door-to-door outreach in the demo city: a campaign for every household of the focus
 * neighbourhood Kolderbos, visited by the partner organisation's team under the
 * neighbourhood manager, planned for the next two days. Its purpose, questions and tips are in
 * Dutch, as the city writes them: the visitor reads them at the door as they are. A second run finds
 * it and changes nothing.
 */
export async function seedOutreach(database: Database, tenantId: string, now = new Date()): Promise<void> {
  await database.inTenant(tenantId, async (tx) => {
    const [existing] = await tx
      .select({ id: outreachCampaigns.id })
      .from(outreachCampaigns)
      .where(and(eq(outreachCampaigns.tenantId, tenantId), eq(outreachCampaigns.name, DEMO_CAMPAIGN)));
    if (existing) return;
    const [area] = await tx
      .select()
      .from(neighbourhoods)
      .where(and(eq(neighbourhoods.tenantId, tenantId), eq(neighbourhoods.name, 'Kolderbos')));
    const people = await tx.select().from(users).where(eq(users.tenantId, tenantId));
    const holder = (role: Role) => people.find((u) => u.roles.includes(role));
    const coordinator = holder('coordinator');
    const partner = holder('partner');
    const manager = holder('neighbourhood_manager');
    if (!area || !coordinator || !partner) return;
    // Days in Genk: the visitor's rounds of today are today's on the wall there.
    const day = (offset: number) => brusselsDay(offset, now);
    const viewer = {
      tenantId,
      userId: coordinator.id,
      label: 'demo seed',
      roles: ['coordinator'] as Role[],
    };
    const { id } = await createCampaign(tx, viewer, {
      name: DEMO_CAMPAIGN,
      purpose:
        'Bij elk gezin in Kolderbos vragen hoe het gaat, de folder met nuttige nummers afgeven en hulp afspreken waar die gewenst is.',
      startsOn: day(0),
      endsOn: day(13),
      neighbourhoodIds: [area.id],
      streets: [],
      filter: 'none',
      questions: [
        'Hoe gaat het met u de laatste tijd?',
        'Ziet of hoort u elke dag iemand?',
        'Maakt u zich thuis zorgen, over geld, gezondheid of de woning?',
      ],
      tips: ['Folder: nuttige telefoonnummers van de stad en het OCMW', 'Tips tegen eenzaamheid'],
      visitMinutes: 15,
      windowStart: 9 * 60,
      windowEnd: 18 * 60,
      teams: [
        {
          name: 'Samenlevingsopbouw Kolderbos',
          organisation: 'partner',
          partnerName: 'Samenlevingsopbouw',
          managerUserId: manager?.id ?? null,
          neighbourhoodIds: [area.id],
          memberUserIds: [partner.id],
        },
      ],
      shifts: [1, 2].map((offset) => ({
        visitorUserId: partner.id,
        day: day(offset),
        start: 9 * 60 + 30,
        end: 16 * 60,
        mode: 'foot' as const,
      })),
    });
    await planCampaign(tx, viewer, id, now);
  });
}
