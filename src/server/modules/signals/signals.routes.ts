import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import {
  apiKeyCreatedSchema,
  apiKeySchema,
  assignInputSchema,
  attemptInputSchema,
  caseDetailSchema,
  caseSummarySchema,
  closeInputSchema,
  committeeRequestInputSchema,
  decisionInputSchema,
  intakeResultSchema,
  meetingInputSchema,
  meetingSchema,
  offerInputSchema,
  partnerKindSchema,
  partnerSchema,
  responseInputSchema,
  reviewDecisionSchema,
  reviewItemSchema,
  settingsSchema,
  signalBatchSchema,
  submissionSchema,
  teamInputSchema,
  teamSchema,
  uploadPreviewSchema,
  uploadSchema,
  vulnerabilitiesInputSchema,
} from '../../../shared/signals.schemas.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf, sessionOf, viewerOf } from '../../http/context.ts';
import {
  assignCase,
  closeCase,
  decideReview,
  getCase,
  listCases,
  listReview,
  listSubmissions,
  listUploads,
  offerHelp,
  recordAttempt,
  recordResponse,
  requestCommittee,
  setVulnerabilities,
} from './cases.service.ts';
import { createMeeting, decideItem, getMeeting, listMeetings, renderMinutes } from './committee.service.ts';
import { ingestSignals, knownReferences, retryWhenCaseOpenedMeanwhile } from './intake.service.ts';
import {
  adoptKey,
  createKey,
  createPartner,
  createTeam,
  getSettings,
  listKeys,
  listPartners,
  listTeams,
  partnerOfUser,
  revokeKey,
  rotateKey,
  saveSettings,
  updatePartnerMembers,
} from './partners.service.ts';
import { parseSignalFile } from './signal-file.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const ok = z.object({ ok: z.literal(true) });
/** Spreadsheets above 20 MB are refused with 413 before they are read. */
export const UPLOAD_LIMIT = 20 * 1024 * 1024;
const spreadsheetTypes = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

function fileBody(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Send the spreadsheet as the request body (CSV or Excel)', [
      { in: 'body', field: 'file', message: 'a CSV or Excel file' },
    ]);
  }
  return body;
}

export const signalsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { database, env } = deps;
    const secret = env.sessionSecret;
    app.addContentTypeParser(
      spreadsheetTypes,
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
      (_request, body, done) => done(null, body),
    );

    /** The partner organisation the signed-in partner account acts for. */
    const partnerOf = (request: FastifyRequest) => {
      const session = sessionOf(request);
      return database.inTenant(session.tenantId, (tx) => partnerOfUser(tx, session.tenantId, session.userId));
    };
    /** Partners manage their own keys; an administrator names the partner. */
    const keyPartner = async (request: FastifyRequest, partnerId: string | undefined) => {
      const session = sessionOf(request);
      if (session.roles.includes('partner')) return (await partnerOf(request)).id;
      if (!partnerId) {
        throw new AppError('VALIDATION_FAILED', 'Name the partner organisation', [
          { in: 'query', field: 'partnerId', message: 'required' },
        ]);
      }
      return partnerId;
    };

    // ------------------------------------------------------------ partner API (API key)

    app.post(
      '/api/signals/intake',
      {
        config: { access: 'partner_api' },
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags: ['signals'],
          summary:
            'Send one signal or a batch of up to 1,000 (API key). All or nothing; known references are skipped',
          description:
            'Authenticate with `authorization: Bearer <key>`. The whole batch is checked first: any invalid signal ' +
            'answers 400 with `details` = [{row, field, code, params, reason}] (codes: docs/api/signals.md) and nothing ' +
            'is saved. A reference the partner sent ' +
            'before creates nothing new (counted in `duplicates`). National register numbers are kept only as a keyed hash.',
          security: [{ partnerKey: [] }],
          body: signalBatchSchema,
          response: { 200: intakeResultSchema },
        },
      },
      async (request) => {
        const key = request.partnerKey!;
        const actor = {
          tenantId: key.tenantId,
          userId: null,
          label: `API: ${key.partnerName}`,
          requestId: request.id,
        };
        return retryWhenCaseOpenedMeanwhile(() =>
          database.inTenant(key.tenantId, (tx) =>
            ingestSignals(
              tx,
              actor,
              { partnerId: key.partnerId, via: 'api', format: 'json', postcodes: key.postcodes },
              request.body.signals.map((input, index) => ({ row: index + 1, input })),
            ),
          ),
        );
      },
    );

    app.get(
      '/api/signals/intake/status',
      {
        config: { access: 'partner_api' },
        schema: {
          tags: ['signals'],
          summary: 'Picked up or not, per signal this partner sent (API key); never why',
          security: [{ partnerKey: [] }],
          querystring: z.strictObject({ reference: z.union([z.string(), z.array(z.string())]).optional() }),
          response: { 200: z.array(submissionSchema) },
        },
      },
      async (request) => {
        const key = request.partnerKey!;
        const references = [request.query.reference ?? []].flat();
        return database.inTenant(key.tenantId, (tx) =>
          listSubmissions(tx, key.tenantId, key.partnerId, references),
        );
      },
    );

    // ------------------------------------------------------------ partner portal (session)

    app.post(
      '/api/signals/uploads/preview',
      {
        config: { access: 'signals.send' },
        schema: {
          tags: ['signals'],
          summary: 'Read a CSV or Excel file of signals and report every bad row; nothing is saved',
          response: { 200: uploadPreviewSchema },
        },
      },
      async (request) => {
        const partner = await partnerOf(request);
        const parsed = await parseSignalFile(fileBody(request.body));
        const session = sessionOf(request);
        const known = await database.inTenant(session.tenantId, (tx) =>
          knownReferences(
            tx,
            session.tenantId,
            partner.id,
            parsed.rows.map((r) => r.input.reference),
          ),
        );
        return {
          format: parsed.format,
          encoding: parsed.encoding,
          separator: parsed.separator,
          rows: parsed.total,
          valid: parsed.rows.length,
          duplicates: parsed.rows.filter((r) => known.has(r.input.reference)).length,
          errors: parsed.errors,
          sample: parsed.rows.slice(0, 20).map(({ row, input }) => ({
            row,
            reference: input.reference,
            kind: input.kind,
            name: `${input.givenName} ${input.familyName}`,
            address: `${input.street} ${input.houseNumber}${input.box ? ` bus ${input.box}` : ''}, ${input.postcode} ${input.municipality}`,
            amountCents: input.amountCents,
            plannedAction: input.plannedAction,
            plannedDate: input.plannedDate ?? null,
          })),
        };
      },
    );

    app.post(
      '/api/signals/uploads',
      {
        config: { access: 'signals.send' },
        schema: {
          tags: ['signals'],
          summary: 'Import a CSV or Excel file of signals: the whole file or nothing',
          querystring: z.strictObject({ fileName: z.string().max(200).optional() }),
          response: { 201: intakeResultSchema },
        },
      },
      async (request, reply) => {
        const partner = await partnerOf(request);
        const bytes = fileBody(request.body);
        const parsed = await parseSignalFile(bytes);
        if (parsed.errors.length > 0) {
          throw new AppError(
            'VALIDATION_FAILED',
            'Some rows are not valid; nothing was saved',
            parsed.errors,
          );
        }
        const actor = actorOf(request);
        const result = await retryWhenCaseOpenedMeanwhile(() =>
          database.inTenant(actor.tenantId, (tx) =>
            ingestSignals(
              tx,
              actor,
              {
                partnerId: partner.id,
                via: 'upload',
                fileName:
                  request.query.fileName ??
                  `upload-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}`,
                format: parsed.format,
              },
              parsed.rows,
            ),
          ),
        );
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/api/signals/uploads',
      {
        config: { access: 'signals.send' },
        schema: {
          tags: ['signals'],
          summary: "This partner's uploads",
          response: { 200: z.array(uploadSchema) },
        },
      },
      async (request) => {
        const partner = await partnerOf(request);
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => listUploads(tx, tenantId, partner.id));
      },
    );

    app.get(
      '/api/signals/submissions',
      {
        config: { access: 'signals.send' },
        schema: {
          tags: ['signals'],
          summary: "This partner's signals: picked up or not, never why",
          response: { 200: z.object({ partnerName: z.string(), submissions: z.array(submissionSchema) }) },
        },
      },
      async (request) => {
        const partner = await partnerOf(request);
        const { tenantId } = sessionOf(request);
        const submissions = await database.inTenant(tenantId, (tx) =>
          listSubmissions(tx, tenantId, partner.id),
        );
        return { partnerName: partner.name, submissions };
      },
    );

    app.get(
      '/api/signals/keys',
      {
        config: { access: 'signals.keys' },
        schema: {
          tags: ['signals'],
          summary: "A partner's API keys (never the keys themselves)",
          querystring: z.strictObject({ partnerId: z.string().uuid().optional() }),
          response: { 200: z.array(apiKeySchema) },
        },
      },
      async (request) => {
        const partnerId = await keyPartner(request, request.query.partnerId);
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => listKeys(tx, tenantId, partnerId));
      },
    );

    app.post(
      '/api/signals/keys',
      {
        config: { access: 'signals.keys' },
        schema: {
          tags: ['signals'],
          summary: 'Create an API key; the key is shown in this answer only',
          body: z.strictObject({
            label: z.string().trim().min(1).max(100),
            partnerId: z.string().uuid().optional(),
            postcodes: z
              .array(z.string().regex(/^\d{4}$/))
              .max(100)
              .optional(),
          }),
          response: { 201: apiKeyCreatedSchema },
        },
      },
      async (request, reply) => {
        const partnerId = await keyPartner(request, request.body.partnerId);
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createKey(tx, actor, secret, {
            partnerId,
            label: request.body.label,
            postcodes: request.body.postcodes,
          }),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/signals/keys/adopt',
      {
        config: { access: 'signals.keys' },
        schema: {
          tags: ['signals'],
          summary:
            'Register here a key the partner got from another municipality, so one key sends for both (kept hashed)',
          body: z.strictObject({
            label: z.string().trim().min(1).max(100),
            partnerId: z.string().uuid().optional(),
            key: z.string().trim().min(1).max(200),
          }),
          response: { 201: apiKeySchema },
        },
      },
      async (request, reply) => {
        const partnerId = await keyPartner(request, request.body.partnerId);
        const actor = actorOf(request);
        const adopted = await database.inTenant(actor.tenantId, (tx) =>
          adoptKey(tx, actor, secret, { partnerId, label: request.body.label, key: request.body.key }),
        );
        return reply.status(201).send(adopted);
      },
    );

    app.post(
      '/api/signals/keys/:id/rotate',
      {
        config: { access: 'signals.keys' },
        schema: {
          tags: ['signals'],
          summary: 'Replace a key: the old one stops working at once, the new one is shown once',
          params: idParams,
          querystring: z.strictObject({ partnerId: z.string().uuid().optional() }),
          response: { 201: apiKeyCreatedSchema },
        },
      },
      async (request, reply) => {
        const partnerId = await keyPartner(request, request.query.partnerId);
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          rotateKey(tx, actor, secret, partnerId, request.params.id),
        );
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/signals/keys/:id',
      {
        config: { access: 'signals.keys' },
        schema: {
          tags: ['signals'],
          summary: 'Revoke a key',
          params: idParams,
          querystring: z.strictObject({ partnerId: z.string().uuid().optional() }),
          response: { 200: ok },
        },
      },
      async (request) => {
        const partnerId = await keyPartner(request, request.query.partnerId);
        const actor = actorOf(request);
        await database.inTenant(actor.tenantId, (tx) => revokeKey(tx, actor, partnerId, request.params.id));
        return { ok: true as const };
      },
    );

    // ------------------------------------------------------------ partners, teams, settings

    app.get(
      '/api/signals/partners',
      {
        config: { access: 'signals.partners' },
        schema: {
          tags: ['signals'],
          summary: 'Partner organisations',
          response: { 200: z.array(partnerSchema) },
        },
      },
      async (request) => {
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => listPartners(tx, tenantId));
      },
    );

    app.post(
      '/api/signals/partners',
      {
        config: { access: 'signals.partners' },
        schema: {
          tags: ['signals'],
          summary: 'Register a partner organisation and the partner accounts acting for it',
          body: z.strictObject({
            name: z.string().trim().min(1).max(200),
            kind: partnerKindSchema,
            memberUserIds: z.array(z.string().uuid()).max(100).default([]),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createPartner(tx, actor, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.put(
      '/api/signals/partners/:id/members',
      {
        config: { access: 'signals.partners' },
        schema: {
          tags: ['signals'],
          summary: 'Set the partner accounts acting for a partner organisation',
          params: idParams,
          body: z.strictObject({ memberUserIds: z.array(z.string().uuid()).max(100) }),
          response: { 200: z.object({ id: z.string() }) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          updatePartnerMembers(tx, actor, request.params.id, request.body.memberUserIds),
        );
      },
    );

    app.get(
      '/api/signals/teams',
      {
        config: { access: 'signals.teams' },
        schema: {
          tags: ['signals'],
          summary: 'Teams that work cases',
          response: { 200: z.array(teamSchema) },
        },
      },
      async (request) => {
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => listTeams(tx, tenantId));
      },
    );

    app.post(
      '/api/signals/teams',
      {
        config: { access: 'signals.settings' },
        schema: {
          tags: ['signals'],
          summary: 'Create a team with its lead (deadlines escalate to the lead)',
          body: teamInputSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) => createTeam(tx, actor, request.body));
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/signals/settings',
      {
        config: { access: 'signals.settings' },
        schema: {
          tags: ['signals'],
          summary: 'Response deadlines per kind and retention periods',
          response: { 200: settingsSchema },
        },
      },
      async (request) => {
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => getSettings(tx, tenantId));
      },
    );

    app.put(
      '/api/signals/settings',
      {
        config: { access: 'signals.settings' },
        schema: {
          tags: ['signals'],
          summary: 'Change deadlines and retention periods',
          body: settingsSchema,
          response: { 200: settingsSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => saveSettings(tx, actor, request.body));
      },
    );

    // ------------------------------------------------------------ review queue

    app.get(
      '/api/signals/review',
      {
        config: { access: 'signals.review' },
        schema: {
          tags: ['signals'],
          summary: 'Signals whose household is uncertain, with the suggested households and a confidence',
          response: { 200: z.array(reviewItemSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listReview(tx, viewer.tenantId));
      },
    );

    app.post(
      '/api/signals/review/:id',
      {
        config: { access: 'signals.review' },
        schema: {
          tags: ['signals'],
          summary: 'Link the signal to one of the suggested households, or to none of them',
          params: idParams,
          body: reviewDecisionSchema,
          response: { 200: z.object({ caseId: z.string() }) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          decideReview(tx, viewer, request.params.id, request.body.householdId),
        );
      },
    );

    // ------------------------------------------------------------ cases

    app.get(
      '/api/signals/cases',
      {
        config: { access: 'signals.cases' },
        schema: {
          tags: ['signals'],
          summary: "The cases of the viewer's teams, most urgent first, with their first-contact deadline",
          querystring: z.strictObject({ status: z.enum(['open', 'closed']).default('open') }),
          response: { 200: z.array(caseSummarySchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          listCases(tx, viewer, { open: request.query.status === 'open' }),
        );
      },
    );

    app.get(
      '/api/signals/cases/:id',
      {
        config: { access: 'signals.cases' },
        schema: {
          tags: ['signals'],
          summary: 'A case: its signals, why it ranks where it does, every step',
          params: idParams,
          response: { 200: caseDetailSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => getCase(tx, viewer, request.params.id));
      },
    );

    const caseAction = <S extends z.ZodType>(
      path: string,
      summary: string,
      body: S,
      run: (
        tx: Parameters<Parameters<typeof database.inTenant>[1]>[0],
        viewer: ReturnType<typeof viewerOf>,
        id: string,
        input: z.infer<S>,
      ) => Promise<unknown>,
    ) =>
      app.post(
        `/api/signals/cases/:id/${path}`,
        {
          config: { access: 'signals.cases' },
          schema: {
            tags: ['signals'],
            summary,
            params: idParams,
            body,
            response: { 200: z.object({ id: z.string() }).passthrough() },
          },
        },
        async (request) => {
          const viewer = viewerOf(request);
          return database.inTenant(viewer.tenantId, (tx) =>
            run(tx, viewer, request.params.id, request.body as z.infer<S>),
          ) as Promise<{ id: string }>;
        },
      );

    caseAction(
      'assign',
      'Take the case on (yourself by default) or hand it to someone or a team',
      assignInputSchema,
      assignCase,
    );
    caseAction('attempts', 'Record a contact attempt and its result', attemptInputSchema, recordAttempt);
    caseAction('offers', 'Record help offered', offerInputSchema, offerHelp);
    caseAction(
      'response',
      'Record whether the household accepted, refused or could not be reached',
      responseInputSchema,
      recordResponse,
    );
    caseAction('close', 'Close the case with its outcome', closeInputSchema, closeCase);
    caseAction(
      'vulnerabilities',
      'Record other known vulnerabilities (they raise the urgency)',
      vulnerabilitiesInputSchema,
      (tx, viewer, id, input) => setVulnerabilities(tx, viewer, id, input.vulnerabilities),
    );
    caseAction(
      'committee',
      'Put a request (e.g. a disconnection) before the local advisory committee',
      committeeRequestInputSchema,
      requestCommittee,
    );

    // ------------------------------------------------------------ local advisory committee

    app.get(
      '/api/signals/committee/meetings',
      {
        config: { access: 'signals.committee' },
        schema: {
          tags: ['signals'],
          summary: 'Meetings of the local advisory committee, and how many requests await one',
          response: {
            200: z.object({
              meetings: z.array(
                z.object({ id: z.string(), meetsOn: z.string(), location: z.string().nullable() }),
              ),
              awaiting: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => listMeetings(tx, tenantId));
      },
    );

    app.post(
      '/api/signals/committee/meetings',
      {
        config: { access: 'signals.committee' },
        schema: {
          tags: ['signals'],
          summary: 'Plan a meeting; its agenda takes every request still awaiting a decision',
          body: meetingInputSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createMeeting(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/signals/committee/meetings/:id',
      {
        config: { access: 'signals.committee' },
        schema: {
          tags: ['signals'],
          summary: 'A meeting and its agenda',
          params: idParams,
          response: { 200: meetingSchema },
        },
      },
      async (request) => {
        const { tenantId } = sessionOf(request);
        return database.inTenant(tenantId, (tx) => getMeeting(tx, tenantId, request.params.id));
      },
    );

    app.get(
      '/api/signals/committee/meetings/:id/minutes.html',
      {
        config: { access: 'signals.committee' },
        schema: { tags: ['signals'], summary: 'The minutes as a printable HTML page', params: idParams },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const meeting = await database.inTenant(session.tenantId, (tx) =>
          getMeeting(tx, session.tenantId, request.params.id),
        );
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `inline; filename="minutes-${meeting.meetsOn}.html"`)
          .send(renderMinutes(meeting, session.tenantName, session.language));
      },
    );

    app.post(
      '/api/signals/committee/items/:id/decision',
      {
        config: { access: 'signals.committee' },
        schema: {
          tags: ['signals'],
          summary: "Record the committee's decision on a request",
          params: idParams,
          body: decisionInputSchema,
          response: { 200: z.object({ id: z.string() }) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          decideItem(tx, viewer, request.params.id, request.body),
        );
      },
    );
  };
