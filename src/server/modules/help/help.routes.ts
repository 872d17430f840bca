import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import {
  areaSchema,
  boardSchema,
  candidatesSchema,
  completeSchema,
  confirmSignupSchema,
  declineSchema,
  feedbackLinkRequestSchema,
  feedbackLinkSchema,
  feedbackSchema,
  feedbackTokenSchema,
  figuresSchema,
  helpTypeInputSchema,
  helpTypePatchSchema,
  helpTypeSchema,
  hoursSchema,
  matchingRunSchema,
  matchingSendSchema,
  needDetailSchema,
  needEditSchema,
  needInputSchema,
  needLinkSchema,
  needListQuerySchema,
  needPageSchema,
  picksSchema,
  postingOrganisationSchema,
  proposeSchema,
  publicFeedbackInputSchema,
  publicFeedbackViewSchema,
  publicNeedInputSchema,
  screeningPatchSchema,
  setPasswordLinkSchema,
  signupSchema,
  statusChangeSchema,
  volunteerHomeSchema,
  volunteerMatchSchema,
  volunteerProfileInputSchema,
  volunteerSchema,
} from '../../../shared/help.schemas.ts';
import { slugSchema } from '../../../shared/schemas.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf, sessionOf, viewerOf } from '../../http/context.ts';
import { findTenantBySlug, type IdentityConfig } from '../identity/identity.service.ts';
import './help.rules.ts';
import {
  acceptProposal,
  answerFeedbackLink,
  changeNeedStatus,
  completeMatch,
  confirmSignup,
  createHelpType,
  createNeed,
  createPublicNeed,
  declineProposal,
  expireProposal,
  getNeedDetail,
  helpFigures,
  linkNeedToHousehold,
  listAreas,
  listHelpTypes,
  listNeeds,
  listVolunteers,
  logHours,
  matchingBoard,
  postingOrganisations,
  proposeToVolunteers,
  rankNeed,
  readFeedbackLink,
  recordCallBack,
  recordResidentFeedback,
  recordScreening,
  requestFeedbackLink,
  runMatching,
  saveVolunteerProfile,
  sendProposals,
  setPicks,
  signUpVolunteer,
  updateHelpType,
  updateNeed,
  volunteerHome,
  volunteerMatch,
} from './help.service.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const idSchema = z.object({ id: z.string() });
const tenantQuery = z.strictObject({ tenant: slugSchema });
const accepted = z.object({ ok: z.literal(true) });

export const helpRoutes =
  (deps: AppDeps & { identity: IdentityConfig }): FastifyPluginAsyncZod =>
  async (app) => {
    const { database, identity } = deps;
    const publicUrl = identity.publicUrl;

    async function publicTenant(slug: string) {
      const tenant = await findTenantBySlug(database, slug);
      if (!tenant) {
        throw new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid', [
          { in: 'body', field: 'tenant', message: 'not a municipality' },
        ]);
      }
      return tenant;
    }

    // ------------------------------------------------------------ public pages

    app.get(
      '/api/help/public/catalogue',
      {
        config: { access: 'public' },
        schema: {
          tags: ['help'],
          summary: 'The kinds of help and the neighbourhoods of a municipality, for the public forms',
          querystring: tenantQuery,
          response: { 200: z.object({ helpTypes: z.array(helpTypeSchema), areas: z.array(areaSchema) }) },
        },
      },
      async (request) => {
        const tenant = await publicTenant(request.query.tenant);
        return database.inTenant(tenant.id, async (tx) => ({
          helpTypes: await listHelpTypes(tx, tenant.id, true),
          areas: await listAreas(tx, tenant.id),
        }));
      },
    );

    app.post(
      '/api/help/public/signups',
      {
        config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['help'],
          summary:
            'Offer help: sends a confirmation link; answers the same whether or not the address is known',
          body: signupSchema,
          response: { 202: accepted },
        },
      },
      async (request, reply) => {
        const { tenant: slug, ...input } = request.body;
        const tenant = await publicTenant(slug);
        await database.inTenant(tenant.id, (tx) => signUpVolunteer(tx, identity, tenant, input, request.id));
        return reply.status(202).send({ ok: true as const });
      },
    );

    app.post(
      '/api/help/public/signups/confirm',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['help'],
          summary:
            'Confirm the e-mail address: creates the volunteer account; answers the set-password link token (null when the account had a password already)',
          body: confirmSignupSchema,
          response: { 200: setPasswordLinkSchema.extend({ token: z.string().nullable() }) },
        },
      },
      async (request) => {
        const tenant = await publicTenant(request.body.tenant);
        const result = await database.inTenant(tenant.id, (tx) =>
          confirmSignup(tx, identity, tenant.id, request.body.token, request.id),
        );
        return { tenant: tenant.slug, token: result.token };
      },
    );

    app.post(
      '/api/help/public/needs',
      {
        config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['help'],
          summary: 'A resident asks for help through the short public form; staff follow up',
          body: publicNeedInputSchema,
          response: { 202: accepted },
        },
      },
      async (request, reply) => {
        const { tenant: slug, consentGiven: _agreed, ...input } = request.body;
        const tenant = await publicTenant(slug);
        await database.inTenant(tenant.id, (tx) => createPublicNeed(tx, tenant.id, input, request.id));
        return reply.status(202).send({ ok: true as const });
      },
    );

    // The family's own feedback link: POST, so the token travels in the body, not in an address.
    app.post(
      '/api/help/public/feedback/open',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['help'],
          summary:
            "What the family's feedback link is about: the kind of help and the day, nothing about anyone",
          body: feedbackTokenSchema,
          response: { 200: publicFeedbackViewSchema },
        },
      },
      async (request) => {
        const tenant = await publicTenant(request.body.tenant);
        return database.inTenant(tenant.id, (tx) =>
          readFeedbackLink(tx, identity, tenant.id, request.body.token),
        );
      },
    );

    app.post(
      '/api/help/public/feedback',
      {
        config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['help'],
          summary: 'The family rates the help through its single-use link; a used or expired link is refused',
          body: publicFeedbackInputSchema,
          response: { 202: accepted },
        },
      },
      async (request, reply) => {
        const { tenant: slug, ...input } = request.body;
        const tenant = await publicTenant(slug);
        await database.inTenant(tenant.id, (tx) =>
          answerFeedbackLink(tx, identity, tenant.id, input, request.id),
        );
        return reply.status(202).send({ ok: true as const });
      },
    );

    // ------------------------------------------------------------ catalogue

    app.get(
      '/api/help/types',
      {
        config: { access: 'help.types.read' },
        schema: {
          tags: ['help'],
          summary: 'The catalogue of kinds of help, with the neighbourhoods (by name)',
          response: { 200: z.object({ helpTypes: z.array(helpTypeSchema), areas: z.array(areaSchema) }) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, async (tx) => ({
          helpTypes: await listHelpTypes(tx, actor.tenantId),
          areas: await listAreas(tx, actor.tenantId),
        }));
      },
    );

    app.post(
      '/api/help/types',
      {
        config: { access: 'help.types.manage' },
        schema: {
          tags: ['help'],
          summary: 'Add a kind of help to the catalogue',
          body: helpTypeInputSchema,
          response: { 201: helpTypeSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createHelpType(tx, actor, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/api/help/types/:id',
      {
        config: { access: 'help.types.manage' },
        schema: {
          tags: ['help'],
          summary: 'Rename a kind of help, set its required screenings, switch it on or off',
          params: idParams,
          body: helpTypePatchSchema,
          response: { 200: helpTypeSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          updateHelpType(tx, actor, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ volunteers

    app.get(
      '/api/help/me',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: "The volunteer's own page: profile, proposals, active matches, history, hours",
          response: { 200: volunteerHomeSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) => volunteerHome(tx, viewer, language));
      },
    );

    app.put(
      '/api/help/me/profile',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'Save what help the volunteer offers, where, when and how much',
          body: volunteerProfileInputSchema,
          response: { 200: volunteerSchema },
        },
      },
      async (request) => {
        const actor = { ...actorOf(request), userId: sessionOf(request).userId };
        return database.inTenant(actor.tenantId, (tx) => saveVolunteerProfile(tx, actor, request.body));
      },
    );

    app.get(
      '/api/help/matches/:id',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'One proposal or match: minimised until accepted, with address and contact while active',
          params: idParams,
          response: { 200: volunteerMatchSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) =>
          volunteerMatch(tx, viewer, request.params.id, language),
        );
      },
    );

    app.post(
      '/api/help/matches/:id/accept',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'Say yes; 409 with details.reason "expired" or "taken" when it is too late',
          params: idParams,
          body: z.strictObject({}).optional(),
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        try {
          return await database.inTenant(viewer.tenantId, (tx) =>
            acceptProposal(tx, viewer, request.params.id),
          );
        } catch (error) {
          // A yes after the deadline: the request moves on now, as the expiry job would when it comes
          // round (it may run late, or the demo clock was moved). The answer stays "expired".
          if (error instanceof AppError && (error.details as { reason?: string })?.reason === 'expired') {
            await database.inTenant(viewer.tenantId, (tx) =>
              expireProposal(tx, viewer.tenantId, request.params.id, publicUrl),
            );
          }
          throw error;
        }
      },
    );

    app.post(
      '/api/help/matches/:id/decline',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'Say no; the request moves on to the next candidate',
          params: idParams,
          body: declineSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          declineProposal(tx, viewer, request.params.id, request.body.reason),
        );
      },
    );

    app.post(
      '/api/help/matches/:id/hours',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'Log time given on one day of a match (weekly help, session by session)',
          params: idParams,
          body: hoursSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const saved = await database.inTenant(viewer.tenantId, (tx) =>
          logHours(tx, viewer, request.params.id, request.body),
        );
        return reply.code(201).send(saved);
      },
    );

    app.post(
      '/api/help/matches/:id/complete',
      {
        config: { access: 'help.volunteer' },
        schema: {
          tags: ['help'],
          summary: 'Report the help given: time spent and a short word of feedback',
          params: idParams,
          body: completeSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          completeMatch(tx, viewer, request.params.id, request.body, identity),
        );
      },
    );

    app.get(
      '/api/help/volunteers',
      {
        config: { access: 'help.volunteers.manage' },
        schema: {
          tags: ['help'],
          summary: 'Volunteers with their offer and screening',
          response: { 200: z.array(volunteerSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => listVolunteers(tx, actor.tenantId));
      },
    );

    app.patch(
      '/api/help/volunteers/:id',
      {
        config: { access: 'help.volunteers.manage' },
        schema: {
          tags: ['help'],
          summary:
            'Record the intake talk, the certificate of good conduct, the signed agreement; pause a volunteer',
          params: idParams,
          body: screeningPatchSchema,
          response: { 200: volunteerSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          recordScreening(tx, actor, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ needs

    app.get(
      '/api/help/needs',
      {
        config: { access: 'help.needs.read' },
        schema: {
          tags: ['help'],
          summary: 'Requests for help (a partner sees the ones it posted)',
          querystring: needListQuerySchema,
          response: { 200: needPageSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          listNeeds(tx, viewer, sessionOf(request).language, request.query),
        );
      },
    );

    app.post(
      '/api/help/needs',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: "Post a request for help, usually on a household's behalf",
          body: needInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createNeed(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/help/organisations',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary:
            'The partner organisations the signed-in partner may post a request for (its own, oldest first: the default); none for staff',
          response: { 200: z.array(postingOrganisationSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => postingOrganisations(tx, viewer));
      },
    );

    app.get(
      '/api/help/needs/:id',
      {
        config: { access: 'help.needs.read' },
        schema: {
          tags: ['help'],
          summary: 'One request: description, workflow with who and why, proposals',
          params: idParams,
          response: { 200: needDetailSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          getNeedDetail(tx, viewer, request.params.id, sessionOf(request).language),
        );
      },
    );

    app.put(
      '/api/help/needs/:id',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: 'Change a request while nobody has been asked yet (status new or no match)',
          params: idParams,
          body: needEditSchema,
          response: { 200: z.object({ id: z.string(), changed: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          updateNeed(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.post(
      '/api/help/needs/:id/household',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: 'Link a request without a household to the household of the resident who asked',
          params: idParams,
          body: needLinkSchema,
          response: { 200: z.object({ id: z.string(), householdId: z.string() }) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          linkNeedToHousehold(tx, viewer, request.params.id, request.body.personId),
        );
      },
    );

    app.post(
      '/api/help/needs/:id/called-back',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: 'Write down that the resident who asked through the public form was called back',
          params: idParams,
          body: z.strictObject({}).optional(),
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => recordCallBack(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/help/needs/:id/status',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: 'Move a request along (under way, done, closed, back to new), saying why',
          params: idParams,
          body: statusChangeSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          changeNeedStatus(tx, viewer, request.params.id, request.body, identity),
        );
      },
    );

    app.post(
      '/api/help/needs/:id/feedback',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary: "The family's feedback, recorded by staff",
          params: idParams,
          body: feedbackSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          recordResidentFeedback(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.post(
      '/api/help/needs/:id/feedback-link',
      {
        config: { access: 'help.needs.write' },
        schema: {
          tags: ['help'],
          summary:
            'Ask the family for feedback on help given: a single-use link by e-mail, or shown once to pass on',
          params: idParams,
          body: feedbackLinkRequestSchema,
          response: { 201: feedbackLinkSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const link = await database.inTenant(viewer.tenantId, (tx) =>
          requestFeedbackLink(tx, identity, viewer, request.params.id, request.body),
        );
        return reply.code(201).send(link);
      },
    );

    app.get(
      '/api/help/needs/:id/candidates',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary: 'The best volunteers for this request, each explained; or why there is none',
          params: idParams,
          response: { 200: candidatesSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) => rankNeed(tx, viewer, request.params.id, language));
      },
    );

    app.post(
      '/api/help/needs/:id/proposals',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary: 'Propose the request to one or more volunteers (e-mail and in the app)',
          params: idParams,
          body: proposeSchema,
          response: { 201: z.object({ matchIds: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const result = await database.inTenant(viewer.tenantId, (tx) =>
          proposeToVolunteers(tx, viewer, request.params.id, request.body.volunteerIds, publicUrl),
        );
        return reply.status(201).send(result);
      },
    );

    app.put(
      '/api/help/needs/:id/picks',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary: 'For a sensitive request: the volunteers who may be proposed',
          params: idParams,
          body: picksSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          setPicks(tx, viewer, request.params.id, request.body.volunteerIds),
        );
      },
    );

    // ------------------------------------------------------------ board and figures

    app.get(
      '/api/help/board',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary:
            'The matching board: open requests by urgency and age, proposals waiting, no match and why',
          response: { 200: boardSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) => matchingBoard(tx, viewer, language));
      },
    );

    app.post(
      '/api/help/matching/run',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary:
            'Match every open request at once; nothing is sent until staff send the proposals they keep',
          body: z.strictObject({}).optional(),
          response: { 200: matchingRunSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) => runMatching(tx, viewer, language));
      },
    );

    app.post(
      '/api/help/matching/send',
      {
        config: { access: 'help.match' },
        schema: {
          tags: ['help'],
          summary: 'Send the reviewed proposals; pairs that no longer fit are skipped and named',
          body: matchingSendSchema,
          response: {
            200: z.object({
              sent: z.number(),
              skipped: z.array(z.object({ needId: z.string(), volunteerId: z.string(), reason: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          sendProposals(tx, viewer, request.body.proposals, publicUrl),
        );
      },
    );

    app.get(
      '/api/help/figures',
      {
        config: { access: 'help.insight' },
        schema: {
          tags: ['help'],
          summary:
            'Per kind of help and neighbourhood: time to match, share within 48 hours, no match, hours',
          // Always the past year: a window of any number of days let two answers a day apart be
          // subtracted, which tells the count of that one day that the threshold withholds.
          querystring: z.strictObject({}),
          response: { 200: figuresSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => helpFigures(tx, actor.tenantId));
      },
    );
  };
