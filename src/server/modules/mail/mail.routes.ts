import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listOutbox } from './mail.service.ts';

export const mailRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/outbox',
      {
        config: { access: 'outbox.read' },
        schema: {
          tags: ['admin'],
          summary: 'E-mails kept in the outbox (demo mode only: without SMTP, messages stay here)',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                toAddress: z.string(),
                subject: z.string(),
                body: z.string(),
                status: z.string(),
                createdAt: z.date(),
                sentAt: z.date().nullable(),
              }),
            ),
          },
        },
      },
      async (request) => {
        if (!deps.env.demo) throw new AppError('FORBIDDEN', 'The outbox can be read in demo mode only');
        const actor = actorOf(request);
        return deps.database.inTenant(actor.tenantId, async (tx) => {
          await recordAudit(tx, actor, {
            action: 'outbox.read',
            recordType: 'email_outbox',
            purpose: 'demo',
          });
          return listOutbox(tx, actor.tenantId, request.query.limit);
        });
      },
    );
  };
