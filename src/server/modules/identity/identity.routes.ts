import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { allowedActions } from '../../../shared/permissions.ts';
import {
  emailSchema,
  inviteSchema,
  languageSchema,
  loginSchema,
  meSchema,
  passwordSchema,
  slugSchema,
  userChangeSchema,
  userSchema,
} from '../../../shared/schemas.ts';
import { counted } from '../../counted.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf, sessionOf } from '../../http/context.ts';
import {
  type IdentityConfig,
  inviteUser,
  listUsers,
  login,
  logout,
  requestPasswordReset,
  SESSION_MAX_MS,
  setLanguage,
  setPasswordWithToken,
  updateUser,
} from './identity.service.ts';

const SESSION_COOKIE = 'samen_session';
const ok = z.object({ ok: z.literal(true) });

export const identityRoutes =
  (deps: AppDeps & { identity: IdentityConfig }): FastifyPluginAsyncZod =>
  async (app) => {
    const { database, identity } = deps;
    const secureCookie = deps.env.NODE_ENV === 'production';
    // Sign-in attempts are counted per account and address: ten a minute is plenty for someone who
    // mistyped and far too few to guess a password. The route's own limit per address alone is
    // wide, because a town hall's staff sign in at nine from behind one address.
    const attemptsOnAccount = app.createRateLimit({
      max: 10,
      timeWindow: '1 minute',
      keyGenerator: (request) => {
        const body = request.body as { tenant: string; email: string };
        return `login:${request.ip}:${body.tenant}:${body.email.toLowerCase()}`;
      },
    });

    app.post(
      '/api/auth/login',
      {
        config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie',
          body: loginSchema,
          response: { 200: ok },
        },
      },
      async (request, reply) => {
        const limit = await attemptsOnAccount(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new AppError(
            'RATE_LIMITED',
            `Too many attempts; try again in ${counted(limit.ttlInSeconds, 'second', 'seconds')}`,
          );
        }
        const { cookie } = await login(database, identity, request.body, request.id);
        reply.setCookie(SESSION_COOKIE, cookie, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookie,
          maxAge: SESSION_MAX_MS / 1000,
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, with what roles and token',
          response: { 200: meSchema },
        },
      },
      async (request) => {
        const s = sessionOf(request);
        return {
          user: { id: s.userId, displayName: s.displayName, email: s.email, language: s.language },
          tenant: { id: s.tenantId, slug: s.tenantSlug, name: s.tenantName },
          roles: s.roles,
          actions: allowedActions(s.roles),
          csrfToken: s.csrfToken,
        };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Sign out here, or everywhere',
          body: z.strictObject({ everywhere: z.boolean().default(false) }).optional(),
          response: { 200: ok },
        },
      },
      async (request, reply) => {
        await logout(database, sessionOf(request), actorOf(request), request.body?.everywhere ?? false);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.put(
      '/api/auth/language',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Remember the language the signed-in person prefers',
          body: z.strictObject({ language: languageSchema }),
          response: { 200: ok },
        },
      },
      async (request) => {
        await setLanguage(database, sessionOf(request), request.body.language);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/password-reset',
      {
        config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Send a password reset link; answers the same whether or not the address is known',
          body: z.strictObject({ tenant: slugSchema, email: emailSchema }),
          response: { 202: ok },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(database, identity, request.body, request.id);
        return reply.status(202).send({ ok: true as const });
      },
    );

    app.post(
      '/api/auth/set-password',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Choose a password from an invitation or reset link; ends every open session',
          body: z.strictObject({
            tenant: slugSchema,
            token: z.string().min(20).max(100),
            password: passwordSchema,
          }),
          response: { 200: ok },
        },
      },
      async (request) => {
        await setPasswordWithToken(database, identity, request.body, request.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/admin/users',
      {
        config: { access: 'users.read' },
        schema: {
          tags: ['admin'],
          summary: 'Accounts of this municipality',
          response: { 200: z.array(userSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => listUsers(tx, actor.tenantId));
      },
    );

    app.post(
      '/api/admin/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: 'Invite someone: creates the account and e-mails a link to choose a password',
          body: inviteSchema,
          response: { 201: userSchema },
        },
      },
      async (request, reply) => {
        const user = await inviteUser(database, identity, actorOf(request), request.body);
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/admin/users/:id',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: 'Give or take roles, rename, deactivate or reactivate an account',
          params: z.strictObject({ id: z.string().uuid() }),
          body: userChangeSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => updateUser(database, actorOf(request), request.params.id, request.body),
    );
  };
