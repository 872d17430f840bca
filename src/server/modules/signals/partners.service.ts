import { and, arrayContains, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError, fieldError, notFound } from '../../../shared/errors.ts';
import { type Action, can, type Role } from '../../../shared/permissions.ts';
import type { ApiKey, Partner, SignalSettings } from '../../../shared/signals.schemas.ts';
import type { Database, Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.tables.ts';
import { hashToken, newToken } from '../identity/tokens.ts';
import { partnerApiKeys, partnerOrganisations, signalSettings, signalTeams } from './signals.tables.ts';

// ---------------------------------------------------------------- partners

export async function listPartners(tx: Tx, tenantId: string): Promise<Partner[]> {
  const rows = await tx
    .select()
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.tenantId, tenantId))
    .orderBy(asc(partnerOrganisations.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as Partner['kind'],
    memberUserIds: row.memberUserIds,
  }));
}

/**
 * The partner organisations an account is a member of, oldest first (an account is usually a member
 * of one): those it may post a request for help for.
 */
export async function organisationsOfMember(
  tx: Tx,
  tenantId: string,
  userId: string,
): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
    .from(partnerOrganisations)
    .where(
      and(
        eq(partnerOrganisations.tenantId, tenantId),
        arrayContains(partnerOrganisations.memberUserIds, [userId]),
      ),
    )
    .orderBy(asc(partnerOrganisations.createdAt), asc(partnerOrganisations.id));
}

export async function createPartner(
  tx: Tx,
  actor: Actor,
  input: { name: string; kind: Partner['kind']; memberUserIds: string[] },
): Promise<{ id: string }> {
  await requireAccounts(tx, actor.tenantId, 'memberUserIds', input.memberUserIds, 'signals.send');
  const [row] = await tx
    .insert(partnerOrganisations)
    .values({ tenantId: actor.tenantId, ...input })
    .onConflictDoNothing()
    .returning({ id: partnerOrganisations.id });
  if (!row) throw new AppError('CONFLICT', `A partner organisation named "${input.name}" exists already`);
  await recordAudit(tx, actor, {
    action: 'signals.partner.create',
    recordType: 'partner_organisation',
    recordId: row.id,
    details: { name: input.name, kind: input.kind },
  });
  return row;
}

/**
 * Accounts named in a form (a team's lead and members, a case's assignee, a partner's members) are
 * active accounts of this municipality whose roles allow `permission`: 400 on the field otherwise,
 * naming the first that is not (`memberUserIds.2`), before anything is changed.
 */
export async function requireAccounts(
  tx: Tx,
  tenantId: string,
  field: string,
  ids: readonly string[],
  permission: Action,
  /** Accounts named before, which stay without a check (one closed since must not block a change). */
  kept: readonly string[] = [],
) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true), inArray(users.id, [...ids])));
  const fit = new Set(rows.filter((row) => can(row.roles as Role[], permission)).map((row) => row.id));
  const at = ids.findIndex((id) => !fit.has(id) && !kept.includes(id));
  if (at >= 0) {
    throw fieldError(
      ids.length === 1 && !field.endsWith('Ids') ? field : `${field}.${at}`,
      'an active account of this municipality that may do this work',
    );
  }
}

export async function updatePartnerMembers(tx: Tx, actor: Actor, partnerId: string, memberUserIds: string[]) {
  // Only those added are checked: a member whose account was closed since stays until removed,
  // and must not stop every other change to the organisation.
  const [current] = await tx
    .select({ memberUserIds: partnerOrganisations.memberUserIds })
    .from(partnerOrganisations)
    .where(and(eq(partnerOrganisations.tenantId, actor.tenantId), eq(partnerOrganisations.id, partnerId)));
  await requireAccounts(
    tx,
    actor.tenantId,
    'memberUserIds',
    memberUserIds,
    'signals.send',
    current?.memberUserIds,
  );
  const [row] = await tx
    .update(partnerOrganisations)
    .set({ memberUserIds })
    .where(and(eq(partnerOrganisations.tenantId, actor.tenantId), eq(partnerOrganisations.id, partnerId)))
    .returning({ id: partnerOrganisations.id });
  if (!row) throw notFound('The partner organisation');
  await recordAudit(tx, actor, {
    action: 'signals.partner.members',
    recordType: 'partner_organisation',
    recordId: partnerId,
    details: { members: memberUserIds.length },
  });
  return row;
}

/**
 * The partner organisation a partner account acts for (its oldest, as when it posts a request for
 * help without naming one); a partner account without one may do nothing.
 */
export async function partnerOfUser(tx: Tx, tenantId: string, userId: string) {
  const [row] = await organisationsOfMember(tx, tenantId, userId);
  if (!row)
    throw new AppError(
      'CONFLICT',
      'This account is not linked to a partner organisation yet; ask the municipality to link it',
    );
  return row;
}

// ---------------------------------------------------------------- API keys

/**
 * A key reads `samen_<municipality id>_<random>`: the municipality lets the lookup run inside its
 * isolation (as the session cookie does); only an HMAC of the random part is stored.
 */
export const KEY_PREFIX = 'samen_';

function toApiKey(row: typeof partnerApiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    partnerId: row.partnerId,
    label: row.label,
    prefix: row.prefix,
    postcodes: row.postcodes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listKeys(tx: Tx, tenantId: string, partnerId: string): Promise<ApiKey[]> {
  const rows = await tx
    .select()
    .from(partnerApiKeys)
    .where(and(eq(partnerApiKeys.tenantId, tenantId), eq(partnerApiKeys.partnerId, partnerId)))
    .orderBy(asc(partnerApiKeys.createdAt));
  return rows.map(toApiKey);
}

async function requirePartner(tx: Tx, tenantId: string, partnerId: string) {
  const [partner] = await tx
    .select({ id: partnerOrganisations.id })
    .from(partnerOrganisations)
    .where(and(eq(partnerOrganisations.tenantId, tenantId), eq(partnerOrganisations.id, partnerId)));
  if (!partner) throw notFound('The partner organisation');
}

export async function createKey(
  tx: Tx,
  actor: Actor,
  secret: string,
  input: { partnerId: string; label: string; postcodes?: string[] },
): Promise<ApiKey & { key: string }> {
  await requirePartner(tx, actor.tenantId, input.partnerId);
  const token = newToken();
  const key = `${KEY_PREFIX}${actor.tenantId}_${token}`;
  const row = await insertKey(tx, actor, secret, token, input);
  await recordAudit(tx, actor, {
    action: 'signals.key.create',
    recordType: 'partner_api_key',
    recordId: row!.id,
    details: { partnerId: input.partnerId, label: input.label },
  });
  return { ...toApiKey(row!), key };
}

/**
 * Keeps a key's HMAC (never the key) for one partner of this municipality; nothing when this
 * municipality holds that key already.
 */
async function insertKey(
  tx: Tx,
  actor: Actor,
  secret: string,
  token: string,
  input: { partnerId: string; label: string; postcodes?: string[] },
) {
  const [row] = await tx
    .insert(partnerApiKeys)
    .values({
      tenantId: actor.tenantId,
      partnerId: input.partnerId,
      label: input.label,
      keyHash: hashToken(secret, token),
      prefix: `${token.slice(0, 6)}…`,
      postcodes: input.postcodes ?? [],
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function revokeKey(tx: Tx, actor: Actor, partnerId: string, keyId: string): Promise<void> {
  const [row] = await tx
    .update(partnerApiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(partnerApiKeys.tenantId, actor.tenantId),
        eq(partnerApiKeys.partnerId, partnerId),
        eq(partnerApiKeys.id, keyId),
        isNull(partnerApiKeys.revokedAt),
      ),
    )
    .returning({ id: partnerApiKeys.id });
  if (!row) throw notFound('The key');
  await recordAudit(tx, actor, {
    action: 'signals.key.revoke',
    recordType: 'partner_api_key',
    recordId: keyId,
  });
}

/**
 * One key for several municipalities: a partner that sends for more than one (a supplier serving a
 * region) hands the key it got from one municipality to the others, and each registers it for its own
 * partner record. Only the HMAC is kept, as for a key made here; each municipality revokes its own
 * registration. The partner names the municipality per request (header `x-samen-municipality`).
 */
export async function adoptKey(
  tx: Tx,
  actor: Actor,
  secret: string,
  input: { partnerId: string; label: string; key: string },
): Promise<ApiKey> {
  const parsed = parseKey(input.key);
  if (!parsed) {
    throw new AppError('VALIDATION_FAILED', 'This is not a Samen API key', [
      { field: 'key', message: 'A key reads samen_<municipality>_<code>, as it was shown once' },
    ]);
  }
  if (parsed.tenantId === actor.tenantId) {
    throw new AppError('CONFLICT', 'This key was made in this municipality already', [
      { field: 'key', message: 'made here' },
    ]);
  }
  await requirePartner(tx, actor.tenantId, input.partnerId);
  const row = await insertKey(tx, actor, secret, parsed.token, input);
  if (!row) {
    throw new AppError('CONFLICT', 'This key is registered here already', [
      { field: 'key', message: 'registered already' },
    ]);
  }
  await recordAudit(tx, actor, {
    action: 'signals.key.adopt',
    recordType: 'partner_api_key',
    recordId: row.id,
    details: { partnerId: input.partnerId, label: input.label, madeIn: parsed.tenantId },
  });
  return toApiKey(row);
}

/** A new key with the same label and scope; the old one stops working at once. */
export async function rotateKey(tx: Tx, actor: Actor, secret: string, partnerId: string, keyId: string) {
  const [old] = await tx
    .select()
    .from(partnerApiKeys)
    .where(
      and(
        eq(partnerApiKeys.tenantId, actor.tenantId),
        eq(partnerApiKeys.partnerId, partnerId),
        eq(partnerApiKeys.id, keyId),
        isNull(partnerApiKeys.revokedAt),
      ),
    );
  if (!old) throw notFound('The key');
  await revokeKey(tx, actor, partnerId, keyId);
  return createKey(tx, actor, secret, { partnerId, label: old.label, postcodes: old.postcodes });
}

export interface PartnerKeyContext {
  tenantId: string;
  partnerId: string;
  partnerName: string;
  keyId: string;
  postcodes: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The municipality and the random part of a key (`samen_<municipality id>_<random>`), or null. */
function parseKey(key: string | undefined): { tenantId: string; token: string } | null {
  if (!key?.startsWith(KEY_PREFIX)) return null;
  const rest = key.slice(KEY_PREFIX.length);
  const tenantId = rest.slice(0, 36);
  const token = rest.slice(37);
  if (!UUID.test(tenantId) || rest[36] !== '_' || token.length < 20 || token.length > 100) return null;
  return { tenantId, token };
}

/** The key in an `authorization: Bearer <key>` header. */
export function parseApiKey(value: string | undefined): { tenantId: string; token: string } | null {
  if (!value) return null;
  return parseKey(/^Bearer\s+(\S+)$/i.exec(value.trim())?.[1]);
}

/**
 * Resolves an API key inside the municipality it is sent for: the one named in
 * `x-samen-municipality` (a slug) when given, else the one that made the key. A revoked or unknown
 * key, or a municipality that has not registered it, is null.
 */
export async function resolveApiKey(
  database: Database,
  secret: string,
  header: string | undefined,
  municipality?: string | string[],
): Promise<PartnerKeyContext | null> {
  const parsed = parseApiKey(header);
  if (!parsed) return null;
  let tenantId = parsed.tenantId;
  if (municipality !== undefined) {
    if (typeof municipality !== 'string' || !/^[a-z0-9-]{1,60}$/.test(municipality)) return null;
    const [tenant] = await database.query<{ id: string }>(
      'tenant_by_slug',
      'select id from tenants where slug = $1',
      [municipality],
    );
    if (!tenant) return null;
    tenantId = tenant.id;
  }
  const hash = hashToken(secret, parsed.token);
  return database.inTenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({
        keyId: partnerApiKeys.id,
        partnerId: partnerApiKeys.partnerId,
        postcodes: partnerApiKeys.postcodes,
        partnerName: partnerOrganisations.name,
        lastUsedAt: partnerApiKeys.lastUsedAt,
      })
      .from(partnerApiKeys)
      .innerJoin(
        partnerOrganisations,
        and(
          eq(partnerOrganisations.tenantId, partnerApiKeys.tenantId),
          eq(partnerOrganisations.id, partnerApiKeys.partnerId),
        ),
      )
      .where(
        and(
          eq(partnerApiKeys.tenantId, tenantId),
          eq(partnerApiKeys.keyHash, hash),
          isNull(partnerApiKeys.revokedAt),
        ),
      );
    if (!row) return null;
    // Touched at most once a minute: a busy batch sender should not rewrite the row on every call.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await tx
        .update(partnerApiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(partnerApiKeys.tenantId, tenantId), eq(partnerApiKeys.id, row.keyId)));
    }
    return {
      tenantId: tenantId,
      partnerId: row.partnerId,
      partnerName: row.partnerName,
      keyId: row.keyId,
      postcodes: row.postcodes,
    };
  });
}

// ---------------------------------------------------------------- teams

export async function listTeams(tx: Tx, tenantId: string) {
  const rows = await tx
    .select()
    .from(signalTeams)
    .where(eq(signalTeams.tenantId, tenantId))
    .orderBy(asc(signalTeams.name));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    leadUserId: row.leadUserId,
    memberUserIds: row.memberUserIds,
  }));
}

export async function createTeam(
  tx: Tx,
  actor: Actor,
  input: { name: string; leadUserId?: string | null; memberUserIds: string[] },
) {
  if (input.leadUserId)
    await requireAccounts(tx, actor.tenantId, 'leadUserId', [input.leadUserId], 'signals.cases');
  await requireAccounts(tx, actor.tenantId, 'memberUserIds', input.memberUserIds, 'signals.cases');
  const [row] = await tx
    .insert(signalTeams)
    .values({
      tenantId: actor.tenantId,
      name: input.name,
      leadUserId: input.leadUserId ?? null,
      memberUserIds: input.memberUserIds,
    })
    .onConflictDoNothing()
    .returning({ id: signalTeams.id });
  if (!row) throw new AppError('CONFLICT', `A team named "${input.name}" exists already`);
  await recordAudit(tx, actor, {
    action: 'signals.team.create',
    recordType: 'signal_team',
    recordId: row.id,
  });
  return row;
}

/** The teams a user belongs to or leads. */
export async function teamsOfUser(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: signalTeams.id })
    .from(signalTeams)
    .where(
      and(
        eq(signalTeams.tenantId, tenantId),
        sql`(${signalTeams.leadUserId} = ${userId} or ${userId} = any(${signalTeams.memberUserIds}))`,
      ),
    );
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------- settings

export const defaultSettings: SignalSettings = {
  deadlines: {
    energy: { normal: 5, urgent: 2 },
    water: { normal: 5, urgent: 2 },
    rent: { normal: 5, urgent: 2 },
    eviction_petition: { normal: 3, urgent: 2 },
    health_insurance: { normal: 10, urgent: 5 },
    other: { normal: 10, urgent: 5 },
  },
  keepUncontactedSignalsDays: 183,
  keepClosedCasesDays: 365,
};

export async function getSettings(tx: Tx, tenantId: string): Promise<SignalSettings> {
  const [row] = await tx.select().from(signalSettings).where(eq(signalSettings.tenantId, tenantId));
  if (!row) return defaultSettings;
  const stored = row.settings as Partial<SignalSettings>;
  return { ...defaultSettings, ...stored, deadlines: { ...defaultSettings.deadlines, ...stored.deadlines } };
}

export async function saveSettings(tx: Tx, actor: Actor, settings: SignalSettings): Promise<SignalSettings> {
  await tx
    .insert(signalSettings)
    .values({ tenantId: actor.tenantId, settings })
    .onConflictDoUpdate({ target: signalSettings.tenantId, set: { settings, updatedAt: new Date() } });
  await recordAudit(tx, actor, {
    action: 'signals.settings',
    recordType: 'signal_settings',
    details: settings,
  });
  return settings;
}
