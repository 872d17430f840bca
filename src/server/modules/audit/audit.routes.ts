import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import { actorOf } from '../../http/context.ts';
import { listAudit } from './audit.service.ts';

const entrySchema = z.object({
  seq: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  purpose: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary:
            'Browse the audit trail, newest first; filter by action (a known action exactly, anything else as a prefix), actor, record and period',
          querystring: z.strictObject({
            action: z.string().max(80).optional(),
            actorId: z.string().uuid().optional(),
            recordType: z.string().max(80).optional(),
            recordId: z.string().max(80).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            beforeSeq: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({ entries: z.array(entrySchema), nextBeforeSeq: z.number().nullable() }),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const entries = await deps.database.inTenant(actor.tenantId, (tx) =>
          listAudit(tx, actor.tenantId, request.query),
        );
        const last = entries.at(-1);
        return {
          entries,
          nextBeforeSeq: entries.length === request.query.limit && last ? last.seq : null,
        };
      },
    );
  };
