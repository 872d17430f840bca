import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clockOffsetDays, now, setClockOffsetDays } from '../clock.ts';
import { demoAccounts } from '../db/seed/demo.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { listTenants } from '../modules/identity/identity.service.ts';
import type { AppDeps } from './app.ts';
import { actorOf } from './context.ts';

export const systemRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Is the service up, on which database, at which migration',
          response: {
            200: z.object({
              status: z.literal('ok'),
              database: z.enum(['pglite', 'postgres']),
              migration: z.string(),
            }),
          },
        },
      },
      async () => ({ status: 'ok' as const, database: deps.database.kind, migration: deps.migration }),
    );

    app.get(
      '/api/tenants',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'The municipalities on this installation (for the sign-in page)',
          response: {
            200: z.array(z.object({ slug: z.string(), name: z.string(), defaultLanguage: z.string() })),
          },
        },
      },
      async () => listTenants(deps.database),
    );

    app.get(
      '/api/demo/accounts',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Demo accounts, in demo mode only',
          response: {
            200: z.object({
              demo: z.boolean(),
              password: z.string().nullable(),
              accounts: z.array(
                z.object({ tenant: z.string(), email: z.string(), roles: z.array(z.string()) }),
              ),
            }),
          },
        },
      },
      async () =>
        deps.env.demo ? { demo: true, ...demoAccounts() } : { demo: false, password: null, accounts: [] },
    );

    // The server clock, moved forward for demos and browser tests ("31 days later"). Registered
    // only in demo mode outside production, so it cannot exist on a live installation.
    if (deps.env.demo && deps.env.NODE_ENV !== 'production') {
      app.post(
        '/api/dev/clock',
        {
          config: { access: 'dev.clock' },
          schema: {
            tags: ['system'],
            summary: 'Demo and tests only: set how many days the server clock runs ahead (0 resets it)',
            body: z.strictObject({ offsetDays: z.number().int().min(0).max(3650) }),
            response: { 200: z.object({ offsetDays: z.number(), now: z.string() }) },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const before = clockOffsetDays();
          if (before !== request.body.offsetDays) {
            setClockOffsetDays(request.body.offsetDays);
            await deps.database.inTenant(actor.tenantId, (tx) =>
              recordAudit(tx, actor, {
                action: 'dev.clock_set',
                recordType: 'clock',
                details: { before, after: request.body.offsetDays },
              }),
            );
          }
          return { offsetDays: clockOffsetDays(), now: now().toISOString() };
        },
      );
    }
  };
