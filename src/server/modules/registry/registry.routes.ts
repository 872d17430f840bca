import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import {
  accessGrantInputSchema,
  addressImportSchema,
  addressInputSchema,
  addressSchema,
  addressSearchQuerySchema,
  consentInputSchema,
  consentSchema,
  erasureInputSchema,
  householdCreateSchema,
  householdDetailSchema,
  householdMembersSchema,
  householdPatchSchema,
  idSchema,
  importPreviewSchema,
  legalHoldInputSchema,
  mergeInputSchema,
  mergeResultSchema,
  personCreateSchema,
  personDetailSchema,
  personPatchSchema,
  personReadQuerySchema,
  personSearchQuerySchema,
  personSearchResultSchema,
  personSummarySchema,
  timelineEntrySchema,
  timelineInputSchema,
} from '../../../shared/registry.schemas.ts';
import { languageSchema } from '../../../shared/schemas.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf, sessionOf, viewerOf } from '../../http/context.ts';
import { jsonWithRawField } from '../../http/raw-json.ts';
import { getAddressImport, previewAddressImport, startAddressImport } from './address-import.service.ts';
import {
  createHousehold,
  getHouseholdDetail,
  setHouseholdMembers,
  updateHousehold,
} from './households.service.ts';
import {
  createPerson,
  getPersonDetail,
  mergePersons,
  recordPersonConsent,
  recordPersonContact,
  rectifyPerson,
  searchPersons,
} from './persons.service.ts';
import {
  createAddress,
  listNeighbourhoods,
  neighbourhoodCounts,
  searchAddresses,
  updateNeighbourhood,
} from './registry.service.ts';
import {
  addLegalHold,
  anonymisePerson,
  erasePerson,
  exportLanguage,
  exportPerson,
  grantAccess,
  liftLegalHold,
  renderExportHtml,
  revokeAccess,
} from './rights.service.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const ok = z.object({ ok: z.literal(true) });
/** Address files of a whole region run to tens of megabytes. */
const CSV_BODY_LIMIT = 50 * 1024 * 1024;

function csvBody(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Send the address file as the request body, with content-type text/csv',
      [{ in: 'body', field: 'file', message: 'a CSV file' }],
    );
  }
  return body;
}

export const registryRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { database } = deps;
    // Raw CSV for the address import, in this plugin's scope only; it arrives as bytes because
    // the file may be Windows-1252 rather than UTF-8.
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/api/neighbourhoods',
      {
        config: { access: 'neighbourhoods.read' },
        schema: {
          tags: ['registry'],
          summary:
            'Neighbourhoods of this municipality with their GeoJSON outlines (and, on request, counts)',
          querystring: z.strictObject({
            counts: z
              .enum(['true', 'false'])
              .default('false')
              .describe('true adds the number of households and residents per neighbourhood'),
          }),
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                name: z.string(),
                isFocus: z.boolean(),
                outline: z.object({
                  type: z.enum(['Polygon', 'MultiPolygon']),
                  coordinates: z.array(z.unknown()),
                }),
                households: z.number().optional(),
                residents: z.number().optional(),
              }),
            ),
          },
        },
      },
      // The answer is written here, field by field (so nothing unlisted can leak): the outlines, most
      // of it, go out as the database's GeoJSON text, never parsed and printed again.
      async (request, reply) => {
        const actor = actorOf(request);
        const body = await database.inTenant(actor.tenantId, async (tx) => {
          const list = await listNeighbourhoods(tx, actor.tenantId);
          const counts =
            request.query.counts === 'true' ? await neighbourhoodCounts(tx, actor.tenantId) : null;
          const items = list.map((n) =>
            jsonWithRawField(
              {
                id: n.id,
                code: n.code,
                name: n.name,
                isFocus: n.isFocus,
                ...(counts && {
                  households: counts.get(n.id)?.households ?? 0,
                  residents: counts.get(n.id)?.residents ?? 0,
                }),
              },
              'outline',
              n.outlineJson,
            ),
          );
          return `[${items.join(',')}]`;
        });
        // Already JSON text: the untyped reply sends it as it is (the schema above still documents it).
        return (reply as FastifyReply).type('application/json').send(body);
      },
    );

    app.patch(
      '/api/neighbourhoods/:id',
      {
        config: { access: 'neighbourhoods.manage' },
        schema: {
          tags: ['registry'],
          summary: 'Name the neighbourhood manager, or mark a focus neighbourhood',
          params: idParams,
          body: z
            .strictObject({
              managerUserId: z.string().uuid().nullable().optional(),
              isFocus: z.boolean().optional(),
            })
            .refine((v) => Object.keys(v).length > 0, 'nothing to change'),
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          updateNeighbourhood(tx, actor, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ persons

    app.get(
      '/api/persons',
      {
        config: { access: 'persons.read' },
        schema: {
          tags: ['registry'],
          summary: 'Find persons by name, address or phone number, or list a neighbourhood',
          querystring: personSearchQuerySchema,
          response: { 200: z.array(personSearchResultSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => searchPersons(tx, viewer, request.query));
      },
    );

    app.post(
      '/api/persons',
      {
        config: { access: 'persons.write' },
        schema: {
          tags: ['registry'],
          summary:
            'Register a person; answers 409 with possible duplicates unless confirmNotDuplicate is set',
          body: personCreateSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createPerson(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/persons/:id',
      {
        config: { access: 'persons.read' },
        schema: {
          tags: ['registry'],
          summary: 'The person page: record, households, consents, timeline; the purpose is logged',
          params: idParams,
          querystring: personReadQuerySchema,
          response: { 200: personDetailSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          getPersonDetail(tx, viewer, request.params.id, request.query.purpose),
        );
      },
    );

    app.patch(
      '/api/persons/:id',
      {
        config: { access: 'persons.write' },
        schema: {
          tags: ['registry'],
          summary: 'Rectify a person’s record',
          params: idParams,
          body: personPatchSchema,
          response: { 200: personSummarySchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          rectifyPerson(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.post(
      '/api/persons/:id/merge',
      {
        config: { access: 'persons.merge' },
        schema: {
          tags: ['registry'],
          summary: 'Merge a duplicate into this person; every link moves over',
          params: idParams,
          body: mergeInputSchema,
          response: { 200: mergeResultSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          mergePersons(tx, viewer, request.params.id, request.body.duplicateId),
        );
      },
    );

    app.post(
      '/api/persons/:id/consents',
      {
        config: { access: 'consents.write' },
        schema: {
          tags: ['registry'],
          summary: 'Record a consent given or withdrawn',
          params: idParams,
          body: consentInputSchema,
          response: { 201: consentSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const consent = await database.inTenant(viewer.tenantId, (tx) =>
          recordPersonConsent(tx, viewer, request.params.id, request.body),
        );
        return reply.status(201).send(consent);
      },
    );

    app.post(
      '/api/persons/:id/timeline',
      {
        config: { access: 'timeline.write' },
        schema: {
          tags: ['registry'],
          summary: 'Record a contact moment',
          params: idParams,
          body: timelineInputSchema,
          response: { 201: timelineEntrySchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const { occurredAt, ...moment } = request.body;
        const entry = await database.inTenant(viewer.tenantId, (tx) =>
          recordPersonContact(tx, viewer, request.params.id, {
            ...moment,
            occurredAt: occurredAt ? new Date(occurredAt) : undefined,
          }),
        );
        return reply.status(201).send(entry);
      },
    );

    app.get(
      '/api/persons/:id/export',
      {
        config: { access: 'persons.rights' },
        schema: {
          tags: ['registry'],
          summary: 'Everything held about a person, as JSON (right of access)',
          params: idParams,
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const data = await database.inTenant(viewer.tenantId, (tx) =>
          exportPerson(tx, viewer, request.params.id),
        );
        reply.header('content-disposition', `attachment; filename="person-${request.params.id}.json"`);
        reply.header('cache-control', 'no-store');
        return data;
      },
    );

    app.get(
      '/api/persons/:id/export.html',
      {
        config: { access: 'persons.rights' },
        schema: {
          tags: ['registry'],
          summary:
            "Everything held about a person, as a plain printable page in nl, en or fr: `lang`, else the person's preferred language, else the reader's",
          params: idParams,
          querystring: z.strictObject({ lang: languageSchema.optional() }),
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const session = sessionOf(request);
        const data = await database.inTenant(viewer.tenantId, (tx) =>
          exportPerson(tx, viewer, request.params.id),
        );
        const language = exportLanguage(request.query.lang, data.person.preferredLanguage, session.language);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderExportHtml(data, session.tenantName, language));
      },
    );

    app.post(
      '/api/persons/:id/anonymise',
      {
        config: { access: 'persons.rights' },
        schema: {
          tags: ['registry'],
          summary: 'Anonymise a person; refused while a programme holds the record',
          params: idParams,
          body: erasureInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          anonymisePerson(tx, viewer, request.params.id, request.body.reason),
        );
      },
    );

    app.delete(
      '/api/persons/:id',
      {
        config: { access: 'persons.rights' },
        schema: {
          tags: ['registry'],
          summary: 'Erase a person and everything about them; refused while a programme holds the record',
          params: idParams,
          body: erasureInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          erasePerson(tx, viewer, request.params.id, request.body.reason),
        );
      },
    );

    // ------------------------------------------------------------ households

    app.post(
      '/api/households',
      {
        config: { access: 'households.write' },
        schema: {
          tags: ['registry'],
          summary: 'Create a household',
          body: householdCreateSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createHousehold(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/households/:id',
      {
        config: { access: 'persons.read' },
        schema: {
          tags: ['registry'],
          summary: 'The household page: address, neighbourhood, members, timeline; the purpose is logged',
          params: idParams,
          querystring: personReadQuerySchema,
          response: { 200: householdDetailSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          getHouseholdDetail(tx, viewer, request.params.id, request.query.purpose),
        );
      },
    );

    app.patch(
      '/api/households/:id',
      {
        config: { access: 'households.write' },
        schema: {
          tags: ['registry'],
          summary: 'Rename a household or move it to another address',
          params: idParams,
          body: householdPatchSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          updateHousehold(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.put(
      '/api/households/:id/members',
      {
        config: { access: 'households.write' },
        schema: {
          tags: ['registry'],
          summary: 'Set the members of a household and their relation',
          params: idParams,
          body: householdMembersSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          setHouseholdMembers(tx, viewer, request.params.id, request.body.members),
        );
      },
    );

    // ------------------------------------------------------------ addresses

    app.get(
      '/api/addresses',
      {
        config: { access: 'addresses.read' },
        schema: {
          tags: ['registry'],
          summary: 'Find an address by street, number or postcode',
          querystring: addressSearchQuerySchema,
          response: { 200: z.array(addressSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          searchAddresses(tx, actor.tenantId, request.query.q, request.query.limit),
        );
      },
    );

    app.post(
      '/api/addresses',
      {
        config: { access: 'addresses.write' },
        schema: {
          tags: ['registry'],
          summary: 'Add an address; an identical address already registered is returned instead',
          body: addressInputSchema,
          response: { 200: addressSchema, 201: addressSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { address, created } = await database.inTenant(actor.tenantId, (tx) =>
          createAddress(tx, actor, request.body),
        );
        return reply.status(created ? 201 : 200).send(address);
      },
    );

    app.post(
      '/api/address-imports/preview',
      {
        config: { access: 'addresses.import' },
        bodyLimit: CSV_BODY_LIMIT,
        schema: {
          tags: ['registry'],
          summary: 'Check an address register CSV export (text/csv body); nothing is saved',
          response: { 200: importPreviewSchema },
        },
      },
      async (request) => previewAddressImport(database, actorOf(request), csvBody(request.body)),
    );

    app.post(
      '/api/address-imports',
      {
        config: { access: 'addresses.import' },
        bodyLimit: CSV_BODY_LIMIT,
        schema: {
          tags: ['registry'],
          summary: 'Import an address register CSV export (text/csv body): the whole file or nothing',
          querystring: z.strictObject({ fileName: z.string().trim().max(200).optional() }),
          response: { 202: addressImportSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { record, finished } = await startAddressImport(
          database,
          actor,
          csvBody(request.body),
          request.query.fileName ?? null,
        );
        finished.then((result) => {
          if (result.status === 'failed') request.log.error({ importId: result.id }, 'address import failed');
        });
        return reply.status(202).send(record);
      },
    );

    app.get(
      '/api/address-imports/:id',
      {
        config: { access: 'addresses.import' },
        schema: {
          tags: ['registry'],
          summary: 'Progress of an address import',
          params: idParams,
          response: { 200: addressImportSchema },
        },
      },
      async (request) => getAddressImport(database, actorOf(request).tenantId, request.params.id),
    );

    // ------------------------------------------------------------ holds and grants

    app.post(
      '/api/legal-holds',
      {
        config: { access: 'legal_holds.manage' },
        schema: {
          tags: ['registry'],
          summary: 'Declare that a programme must keep a person’s data for now',
          body: legalHoldInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const hold = await database.inTenant(viewer.tenantId, (tx) => addLegalHold(tx, viewer, request.body));
        return reply.status(201).send(hold);
      },
    );

    app.delete(
      '/api/legal-holds/:id',
      {
        config: { access: 'legal_holds.manage' },
        schema: { tags: ['registry'], summary: 'Lift a legal hold', params: idParams, response: { 200: ok } },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => liftLegalHold(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/access-grants',
      {
        config: { access: 'access_grants.manage' },
        schema: {
          tags: ['registry'],
          summary: 'Let a home visitor, coach or volunteer see a person their work links them to',
          body: accessGrantInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const grant = await database.inTenant(viewer.tenantId, (tx) => grantAccess(tx, viewer, request.body));
        return reply.status(201).send(grant);
      },
    );

    app.delete(
      '/api/access-grants/:id',
      {
        config: { access: 'access_grants.manage' },
        schema: {
          tags: ['registry'],
          summary: 'End an access grant',
          params: idParams,
          response: { 200: ok },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => revokeAccess(tx, viewer, request.params.id));
      },
    );
  };
