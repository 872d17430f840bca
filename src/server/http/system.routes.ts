import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoAccounts } from '../db/seed/demo.ts';
import { listTenants } from '../modules/identity/identity.service.ts';
import type { AppDeps } from './app.ts';

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
  };
