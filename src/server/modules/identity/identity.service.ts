import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/permissions.ts';
import { type Database, releaseRequestTransaction, type Tx } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { createTenantSecret } from '../registry/tenant-secret.ts';
import { accountTokens, sessions, tenants, users } from './identity.tables.ts';
import { hashPassword, spendDecoyVerify, verifyPassword } from './passwords.ts';
import { hashToken, newToken, parseSessionCookie } from './tokens.ts';

export const SESSION_IDLE_MS = 8 * 3600_000;
export const SESSION_MAX_MS = 24 * 3600_000;
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
const TOUCH_AFTER_MS = 5 * 60_000;
const RESET_TTL_MS = 3600_000;
const INVITE_TTL_MS = 7 * 86_400_000;

export interface IdentityConfig {
  secret: string;
  publicUrl: string;
}

export type Language = 'nl' | 'en' | 'fr';

// ---------------------------------------------------------------- tenants

export function listTenants(database: Database) {
  return database.inSystem((tx) =>
    tx
      .select({
        id: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
        defaultLanguage: tenants.defaultLanguage,
      })
      .from(tenants)
      .orderBy(asc(tenants.name)),
  );
}

export async function findTenantBySlug(database: Database, slug: string) {
  const [tenant] = await database.inSystem((tx) => tx.select().from(tenants).where(eq(tenants.slug, slug)));
  return tenant ?? null;
}

/** The municipality's name, as its own people read it (tenants are readable to every tenant). */
export async function tenantName(tx: Tx, tenantId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.name;
}

export async function createTenant(
  database: Database,
  input: { slug: string; name: string; defaultLanguage: Language },
): Promise<string> {
  const row = await database.inSystem(async (tx) => {
    const [created] = await tx
      .insert(tenants)
      .values(input)
      .onConflictDoNothing()
      .returning({ id: tenants.id });
    // Its own key for national register numbers, written inside the new tenant's isolation.
    if (created) await createTenantSecret(tx, created.id);
    return created;
  });
  if (!row) throw new AppError('CONFLICT', `A municipality with slug "${input.slug}" already exists`);
  return row.id;
}

// ---------------------------------------------------------------- sessions

export interface SessionInfo {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  userId: string;
  displayName: string;
  email: string;
  roles: Role[];
  language: Language;
  csrfToken: string;
  tokenHash: string;
}

async function openSession(tx: Tx, config: IdentityConfig, tenantId: string, userId: string) {
  const token = newToken();
  const now = Date.now();
  await tx.insert(sessions).values({
    tenantId,
    tokenHash: hashToken(config.secret, token),
    userId,
    csrfToken: newToken(),
    expiresAt: new Date(now + SESSION_IDLE_MS),
  });
  return `${tenantId}.${token}`;
}

/**
 * Checks a password and opens a session. Repeated failures lock the account for a while; the
 * answer never tells whether the e-mail address exists.
 */
export async function login(
  database: Database,
  config: IdentityConfig,
  input: { tenant: string; email: string; password: string },
  requestId: string,
): Promise<{ cookie: string }> {
  const tenant = await findTenantBySlug(database, input.tenant);
  const invalid = new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is not correct');
  if (!tenant) {
    await spendDecoyVerify(input.password);
    throw invalid;
  }
  const email = input.email.trim().toLowerCase();
  const [user] = await database.inTenant(tenant.id, (tx) =>
    tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), eq(users.email, email))),
  );
  if (!user?.active || !user.passwordHash) {
    await spendDecoyVerify(input.password);
    throw invalid;
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts: this account is locked for a while', {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  const actor: Actor = { tenantId: tenant.id, userId: user.id, label: user.displayName, requestId };
  const outcome: { cookie: string } | { failed: 'locked' | 'invalid' } = await database.inTenant(
    tenant.id,
    async (tx) => {
      const where = and(eq(users.tenantId, tenant.id), eq(users.id, user.id));
      if (!ok) {
        const failures = user.failedLogins + 1;
        const lock = failures >= LOCKOUT_AFTER_FAILURES;
        await tx
          .update(users)
          .set({
            failedLogins: lock ? 0 : failures,
            lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MS) : null,
          })
          .where(where);
        await recordAudit(tx, actor, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          recordType: 'user',
          recordId: user.id,
        });
        // The failed attempt is committed; the caller still gets an error.
        return { failed: lock ? ('locked' as const) : ('invalid' as const) };
      }
      await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where(where);
      const cookie = await openSession(tx, config, tenant.id, user.id);
      await recordAudit(tx, actor, { action: 'auth.login', recordType: 'user', recordId: user.id });
      return { cookie };
    },
  );
  if ('cookie' in outcome) return outcome;
  if (outcome.failed === 'locked') {
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts: this account is locked for a while');
  }
  throw invalid;
}

/**
 * Finds the live session behind a cookie, sliding its expiry now and then. With `openForRequest`
 * (reads on PostgreSQL), the lookup also opens the request's transaction in the same round trip,
 * which the route's query then continues (decision 0010).
 */
export async function resolveSession(
  database: Database,
  config: IdentityConfig,
  cookie: string | undefined,
  options: { openForRequest?: boolean } = {},
): Promise<SessionInfo | null> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) return null;
  const tokenHash = hashToken(config.secret, parsed.token);
  // One round trip: session_lookup sets the tenant and reads under row-level security (migration 0002).
  const [row] =
    options.openForRequest && database.openRequestTransaction
      ? (((await database.openRequestTransaction(
          parsed.tenantId,
          // Both are safe in SQL text: parseSessionCookie takes only a uuid; the hash is our own hex digest.
          `select * from session_lookup('${parsed.tenantId}', '${tokenHash}')`,
        )) as SessionRow[] | null) ?? (await lookupSession(database, parsed.tenantId, tokenHash)))
      : await lookupSession(database, parsed.tenantId, tokenHash);
  const now = Date.now();
  if (!row?.active || new Date(row.expires_at).getTime() <= now) {
    releaseRequestTransaction();
    return null;
  }
  if (now - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    const expiresAt = new Date(
      Math.min(now + SESSION_IDLE_MS, new Date(row.created_at).getTime() + SESSION_MAX_MS),
    );
    await database.inTenant(parsed.tenantId, (tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: new Date(now), expiresAt })
        .where(and(eq(sessions.tenantId, parsed.tenantId), eq(sessions.tokenHash, tokenHash))),
    );
  }
  return {
    tenantId: parsed.tenantId,
    tenantSlug: row.tenant_slug,
    tenantName: row.tenant_name,
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles as Role[],
    language: row.language as Language,
    csrfToken: row.csrf_token,
    tokenHash,
  };
}

function lookupSession(database: Database, tenantId: string, tokenHash: string) {
  return database.query<SessionRow>('session_lookup', 'select * from session_lookup($1::uuid, $2)', [
    tenantId,
    tokenHash,
  ]);
}

interface SessionRow {
  user_id: string;
  display_name: string;
  email: string;
  roles: string[];
  language: string;
  active: boolean;
  csrf_token: string;
  created_at: string | Date;
  last_seen_at: string | Date;
  expires_at: string | Date;
  tenant_slug: string;
  tenant_name: string;
}

export async function logout(database: Database, session: SessionInfo, actor: Actor, everywhere: boolean) {
  await database.inTenant(session.tenantId, async (tx) => {
    await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.tenantId, session.tenantId),
          everywhere ? eq(sessions.userId, session.userId) : eq(sessions.tokenHash, session.tokenHash),
        ),
      );
    await recordAudit(tx, actor, {
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      recordType: 'user',
      recordId: session.userId,
    });
  });
}

export async function setLanguage(database: Database, session: SessionInfo, language: Language) {
  await database.inTenant(session.tenantId, (tx) =>
    tx
      .update(users)
      .set({ language })
      .where(and(eq(users.tenantId, session.tenantId), eq(users.id, session.userId))),
  );
}

// ---------------------------------------------------------------- invitations and resets

const mailText = {
  reset: {
    subject: 'Samen: nieuw wachtwoord / new password / nouveau mot de passe',
    body: (link: string) =>
      `Iemand vroeg een nieuw wachtwoord aan voor je Samen-account. Kies een nieuw wachtwoord via deze link (1 uur geldig):\n${link}\n\nSomeone asked for a new password for your Samen account. Choose one here (valid for 1 hour).\nQuelqu'un a demandé un nouveau mot de passe pour votre compte Samen. Choisissez-en un ici (valable 1 heure).\n\nWas jij dit niet? Dan hoef je niets te doen.`,
  },
  invite: {
    subject: 'Welkom bij Samen / Welcome to Samen / Bienvenue sur Samen',
    body: (link: string) =>
      `Je bent uitgenodigd voor Samen. Kies je wachtwoord via deze link (7 dagen geldig):\n${link}\n\nYou have been invited to Samen. Choose your password here (valid for 7 days).\nVous êtes invité(e) sur Samen. Choisissez votre mot de passe ici (valable 7 jours).`,
  },
};

/** A single-use token for the set-password page; only its hash is stored. */
async function createAccountToken(
  tx: Tx,
  config: IdentityConfig,
  tenantId: string,
  userId: string,
  purpose: 'invite' | 'reset',
): Promise<string> {
  const token = newToken();
  await tx.insert(accountTokens).values({
    tenantId,
    tokenHash: hashToken(config.secret, token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS)),
  });
  return token;
}

async function issueAccountToken(
  tx: Tx,
  config: IdentityConfig,
  tenant: { id: string; slug: string },
  user: { id: string; email: string },
  purpose: 'invite' | 'reset',
) {
  const token = await createAccountToken(tx, config, tenant.id, user.id, purpose);
  const link = `${config.publicUrl}/set-password?tenant=${encodeURIComponent(tenant.slug)}&token=${token}`;
  await queueEmail(tx, tenant.id, {
    to: user.email,
    subject: mailText[purpose].subject,
    body: mailText[purpose].body(link),
  });
}

/** Always answers the same, whether or not the address is known. */
export async function requestPasswordReset(
  database: Database,
  config: IdentityConfig,
  input: { tenant: string; email: string },
  requestId: string,
): Promise<void> {
  const tenant = await findTenantBySlug(database, input.tenant);
  if (!tenant) return;
  const email = input.email.trim().toLowerCase();
  await database.inTenant(tenant.id, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant.id), eq(users.email, email), eq(users.active, true)));
    if (!user) return;
    await issueAccountToken(tx, config, tenant, user, 'reset');
    await recordAudit(
      tx,
      { tenantId: tenant.id, userId: null, label: 'anonymous', requestId },
      { action: 'auth.reset_requested', recordType: 'user', recordId: user.id },
    );
  });
}

/** Sets a password from an invitation or reset link; every open session of the account ends. */
export async function setPasswordWithToken(
  database: Database,
  config: IdentityConfig,
  input: { tenant: string; token: string; password: string },
  requestId: string,
): Promise<void> {
  const tenant = await findTenantBySlug(database, input.tenant);
  const invalid = new AppError('VALIDATION_FAILED', 'This link is not valid or has expired', {
    field: 'token',
  });
  if (!tenant) throw invalid;
  const tokenHash = hashToken(config.secret, input.token);
  const passwordHash = await hashPassword(input.password);
  await database.inTenant(tenant.id, async (tx) => {
    const [token] = await tx
      .select()
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.tenantId, tenant.id),
          eq(accountTokens.tokenHash, tokenHash),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, new Date()),
        ),
      );
    if (!token) throw invalid;
    const userWhere = and(eq(users.tenantId, tenant.id), eq(users.id, token.userId));
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(userWhere);
    await tx
      .update(accountTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(accountTokens.tenantId, tenant.id), eq(accountTokens.tokenHash, tokenHash)));
    await tx.delete(sessions).where(and(eq(sessions.tenantId, tenant.id), eq(sessions.userId, token.userId)));
    await recordAudit(
      tx,
      { tenantId: tenant.id, userId: token.userId, label: 'account holder', requestId },
      {
        action: token.purpose === 'invite' ? 'auth.invite_accepted' : 'auth.password_reset',
        recordType: 'user',
        recordId: token.userId,
      },
    );
  });
}

/**
 * An account for someone who proved their e-mail address another way (a volunteer confirming their
 * sign-up): created in the caller's transaction with an invitation token that the caller hands to
 * the set-password page at once. An existing account gets the roles added and no token: its holder
 * already has a password.
 */
export async function createSelfServiceAccount(
  tx: Tx,
  config: IdentityConfig,
  tenantId: string,
  input: { email: string; displayName: string; roles: Role[]; language: Language },
  actor: Actor,
): Promise<{ userId: string; token: string | null }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
  if (existing) {
    const roles = [...new Set([...(existing.roles as Role[]), ...input.roles])];
    await tx
      .update(users)
      .set({ roles })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, existing.id)));
    await recordAudit(tx, actor, {
      action: 'users.roles_added',
      recordType: 'user',
      recordId: existing.id,
      details: { roles: input.roles },
    });
    return {
      userId: existing.id,
      token: existing.passwordHash
        ? null
        : await createAccountToken(tx, config, tenantId, existing.id, 'invite'),
    };
  }
  const [created] = await tx
    .insert(users)
    .values({ tenantId, email, displayName: input.displayName, roles: input.roles, language: input.language })
    .returning({ id: users.id });
  const token = await createAccountToken(tx, config, tenantId, created!.id, 'invite');
  await recordAudit(tx, actor, {
    action: 'users.self_service',
    recordType: 'user',
    recordId: created!.id,
    details: { roles: input.roles },
  });
  return { userId: created!.id, token };
}

// ---------------------------------------------------------------- administration

const publicUserColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  roles: users.roles,
  active: users.active,
  language: users.language,
  lastLoginAt: users.lastLoginAt,
  invitePending: sql<boolean>`${users.passwordHash} is null`,
  lockedUntil: users.lockedUntil,
};

export function listUsers(tx: Tx, tenantId: string) {
  return tx
    .select(publicUserColumns)
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.displayName));
}

export async function inviteUser(
  database: Database,
  config: IdentityConfig,
  actor: Actor,
  input: { email: string; displayName: string; roles: Role[]; language: Language },
) {
  const email = input.email.trim().toLowerCase();
  return database.inTenant(actor.tenantId, async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        tenantId: actor.tenantId,
        email,
        displayName: input.displayName,
        roles: input.roles,
        language: input.language,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created)
      throw new AppError('CONFLICT', 'Someone with this e-mail address already has an account', {
        field: 'email',
      });
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, actor.tenantId));
    await issueAccountToken(tx, config, tenant!, { id: created.id, email }, 'invite');
    await recordAudit(tx, actor, {
      action: 'users.invite',
      recordType: 'user',
      recordId: created.id,
      details: { roles: input.roles },
    });
    const [user] = await tx
      .select(publicUserColumns)
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, created.id)));
    return user!;
  });
}

export async function updateUser(
  database: Database,
  actor: Actor,
  userId: string,
  change: { roles?: Role[]; active?: boolean; displayName?: string },
) {
  return database.inTenant(actor.tenantId, async (tx) => {
    const where = and(eq(users.tenantId, actor.tenantId), eq(users.id, userId));
    const [before] = await tx.select().from(users).where(where);
    if (!before) throw notFound('This account');
    if (
      userId === actor.userId &&
      (change.active === false || (change.roles && !change.roles.includes('admin')))
    ) {
      throw new AppError(
        'CONFLICT',
        'You cannot take administration away from yourself; ask another administrator',
      );
    }
    await tx.update(users).set(change).where(where);
    if (change.active === false) {
      await tx
        .delete(sessions)
        .where(and(eq(sessions.tenantId, actor.tenantId), eq(sessions.userId, userId)));
    }
    await recordAudit(tx, actor, {
      action: 'users.update',
      recordType: 'user',
      recordId: userId,
      details: {
        ...(change.roles ? { rolesBefore: before.roles, rolesAfter: change.roles } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.displayName ? { renamed: true } : {}),
      },
    });
    const [user] = await tx.select(publicUserColumns).from(users).where(where);
    return user!;
  });
}

// ---------------------------------------------------------------- retention

export const sessionRetention = {
  name: 'identity.sessions',
  description: 'Sessions, as soon as they expire',
  keepDays: 0,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const removed = await tx
      .delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), lt(sessions.expiresAt, cutoff)))
      .returning({ id: sessions.tokenHash });
    return removed.length;
  },
};

export const accountTokenRetention = {
  name: 'identity.account_tokens',
  description: 'Invitation and reset links, 30 days after they expire or are used',
  keepDays: 30,
  async sweep(tx: Tx, cutoff: Date, tenantId: string) {
    const removed = await tx
      .delete(accountTokens)
      .where(
        and(
          eq(accountTokens.tenantId, tenantId),
          or(lt(accountTokens.expiresAt, cutoff), lt(accountTokens.usedAt, cutoff)),
        ),
      )
      .returning({ id: accountTokens.tokenHash });
    return removed.length;
  },
};

/** Used by the demo seed and tests: an account with a known password. */
export async function createUserWithPassword(
  tx: Tx,
  tenantId: string,
  input: { email: string; displayName: string; roles: Role[]; password: string; language?: Language },
) {
  const [row] = await tx
    .insert(users)
    .values({
      tenantId,
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      roles: input.roles,
      passwordHash: await hashPassword(input.password),
      language: input.language ?? 'nl',
    })
    .returning({ id: users.id });
  return row!.id;
}

/** Adds roles to an existing account in the caller's transaction (e.g. a volunteer taken on as a coach). */
export async function addRoles(tx: Tx, actor: Actor, userId: string, added: Role[]): Promise<void> {
  const where = and(eq(users.tenantId, actor.tenantId), eq(users.id, userId));
  const [user] = await tx.select({ roles: users.roles }).from(users).where(where);
  if (!user) throw notFound('This account');
  const roles = [...new Set([...(user.roles as Role[]), ...added])];
  if (roles.length === user.roles.length) return;
  await tx.update(users).set({ roles }).where(where);
  await recordAudit(tx, actor, {
    action: 'users.roles_added',
    recordType: 'user',
    recordId: userId,
    details: { roles: added },
  });
}
