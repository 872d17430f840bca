import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertSchema,
  attendanceInputSchema,
  checkinInputSchema,
  coachCandidateSchema,
  coachHomeSchema,
  coachPatchSchema,
  coachProfileInputSchema,
  coachSchema,
  cohortInputSchema,
  dashboardSchema,
  endInputSchema,
  goalInputSchema,
  intakeInputSchema,
  matchInputSchema,
  matchmakingSchema,
  meetingInputSchema,
  ownReferralSchema,
  programmeInputSchema,
  programmeSchema,
  referOptionsSchema,
  referralInputSchema,
  referralSchema,
  supporterInputSchema,
  takeOnCoachSchema,
  trainingSessionInputSchema,
  trainingSessionSchema,
  trajectorySchema,
  trajectorySummarySchema,
  worryHandleSchema,
  worryInputSchema,
  worrySchema,
} from '../../../shared/coaching.schemas.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf, sessionOf, viewerOf } from '../../http/context.ts';
import {
  addGoal,
  coachCandidates,
  coachHome,
  coachingAlerts,
  coachingDashboard,
  confirmMatch,
  createCohort,
  createProgramme,
  createReferral,
  createTrainingSession,
  decideIntake,
  endTrajectory,
  getReferral,
  getTrajectory,
  handleWorry,
  linkSupporter,
  listCoaches,
  listOwnReferrals,
  listProgrammes,
  listReferralsForIntake,
  listTrainingSessions,
  listTrajectories,
  listWorries,
  logMeeting,
  raiseWorry,
  recordCheckin,
  referOptions,
  runMatchmaking,
  saveCoachProfile,
  setAttendance,
  takeOnCoach,
  updateCoach,
} from './coaching.service.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const idSchema = z.object({ id: z.string() });
const tags = ['coaching'];

/**
 * Talent coaching. Coordinator routes (`coaching.manage`), referrer routes (`coaching.refer`: own
 * referrals only), coach routes (`coaching.coach`), trajectory routes for the coach and the
 * coordinator (`coaching.trajectory`, narrowed by the record rule in coaching.rules.ts) and the
 * steering group's aggregates (`coaching.insight`). API in docs/api/coaching.md.
 */
export const coachingRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { database } = deps;

    // ------------------------------------------------------------ programmes and cohorts

    app.get(
      '/api/coaching/programmes',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Programmes with their cohorts and waiting list',
          response: { 200: z.array(programmeSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => listProgrammes(tx, actor.tenantId));
      },
    );

    app.post(
      '/api/coaching/programmes',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Start a programme',
          body: programmeInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createProgramme(tx, actor, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/programmes/:id/cohorts',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Add a cohort to a programme, within its capacity',
          params: idParams,
          body: cohortInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createCohort(tx, actor, request.params.id, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    // ------------------------------------------------------------ referrals

    app.get(
      '/api/coaching/refer/options',
      {
        config: { access: 'coaching.refer' },
        schema: {
          tags,
          summary: 'Programmes and neighbourhoods for the referral form',
          response: { 200: referOptionsSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => referOptions(tx, actor.tenantId));
      },
    );

    app.post(
      '/api/coaching/refer',
      {
        config: { access: 'coaching.refer' },
        schema: {
          tags,
          summary: "Refer a family, with the family's consent (and that it was free to say no)",
          body: referralInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createReferral(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/coaching/refer/mine',
      {
        config: { access: 'coaching.refer' },
        schema: {
          tags,
          summary: "The caller's own referrals: status and the reason the family was told",
          response: { 200: z.array(ownReferralSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listOwnReferrals(tx, viewer));
      },
    );

    app.get(
      '/api/coaching/referrals',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Every referral, for the intake',
          response: { 200: z.array(referralSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listReferralsForIntake(tx, viewer));
      },
    );

    app.get(
      '/api/coaching/referrals/:id',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'One referral (read is logged)',
          params: idParams,
          response: { 200: referralSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => getReferral(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/coaching/referrals/:id/intake',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary:
            "The intake's outcome: accepted into a cohort, waiting list or not now, with the reason for the family",
          params: idParams,
          body: intakeInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          decideIntake(tx, viewer, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ coaches and training

    app.get(
      '/api/coaching/coaches',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Coaches (training, screening, load) and volunteers who chose to coach',
          response: {
            200: z.object({ coaches: z.array(coachSchema), candidates: z.array(coachCandidateSchema) }),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, async (tx) => ({
          coaches: await listCoaches(tx, actor.tenantId),
          candidates: await coachCandidates(tx, actor.tenantId),
        }));
      },
    );

    app.post(
      '/api/coaching/coaches',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Take on a volunteer who chose "coach" at sign-up',
          body: takeOnCoachSchema,
          response: { 201: coachSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const coach = await database.inTenant(actor.tenantId, (tx) =>
          takeOnCoach(tx, actor, request.body.userId),
        );
        return reply.status(201).send(coach);
      },
    );

    app.patch(
      '/api/coaching/coaches/:id',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: "Record a coach's screening, capacity or pause",
          params: idParams,
          body: coachPatchSchema,
          response: { 200: coachSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          updateCoach(tx, actor, request.params.id, request.body),
        );
      },
    );

    app.get(
      '/api/coaching/training',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Training sessions and who attended',
          response: { 200: z.array(trainingSessionSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) => listTrainingSessions(tx, actor.tenantId));
      },
    );

    app.post(
      '/api/coaching/training',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Plan a training session',
          body: trainingSessionInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await database.inTenant(actor.tenantId, (tx) =>
          createTrainingSession(tx, actor, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.put(
      '/api/coaching/training/:id/attendance',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Record who attended a session that took place',
          params: idParams,
          body: attendanceInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return database.inTenant(actor.tenantId, (tx) =>
          setAttendance(tx, actor, request.params.id, request.body.coachIds),
        );
      },
    );

    // ------------------------------------------------------------ matchmaking

    app.post(
      '/api/coaching/cohorts/:id/matchmaking',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary:
            "Proposals for a cohort's families: the best overall assignment, explained (nothing is stored)",
          params: idParams,
          body: z.strictObject({}),
          response: { 200: matchmakingSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        const language = sessionOf(request).language;
        return database.inTenant(viewer.tenantId, (tx) =>
          runMatchmaking(tx, viewer, request.params.id, language),
        );
      },
    );

    app.post(
      '/api/coaching/matches',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Confirm, swap or override: match a family with a coach (audit-logged)',
          body: matchInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          confirmMatch(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/coaching/alerts',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary:
            "The coordinator's alerts: no meeting for 30 days, over capacity, ending within 60 days, not trained",
          response: { 200: z.array(alertSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => coachingAlerts(tx, viewer));
      },
    );

    app.get(
      '/api/coaching/worries',
      {
        config: { access: 'coaching.manage' },
        schema: { tags, summary: "Coaches' worries", response: { 200: z.array(worrySchema) } },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listWorries(tx, viewer));
      },
    );

    app.post(
      '/api/coaching/worries/:id/handle',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary:
            'Answer a worry; a social worker is involved with consent, or without it only in a defined safety situation',
          params: idParams,
          body: worryHandleSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          handleWorry(tx, viewer, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ trajectories

    app.get(
      '/api/coaching/trajectories',
      {
        config: { access: 'coaching.trajectory' },
        schema: {
          tags,
          summary: 'Trajectories: all for the coordinator, their own for a coach',
          response: { 200: z.array(trajectorySummarySchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listTrajectories(tx, viewer));
      },
    );

    app.get(
      '/api/coaching/trajectories/:id',
      {
        config: { access: 'coaching.trajectory' },
        schema: {
          tags,
          summary: "A family's trajectory: what the coach needs, never the referrer's notes",
          params: idParams,
          response: { 200: trajectorySchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => getTrajectory(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/meetings',
      {
        config: { access: 'coaching.trajectory' },
        schema: {
          tags,
          summary: 'Log a meeting (not in the future, not before the coaching began)',
          params: idParams,
          body: meetingInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          logMeeting(tx, viewer, request.params.id, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/goals',
      {
        config: { access: 'coaching.trajectory' },
        schema: {
          tags,
          summary: "Add one of the family's own goals",
          params: idParams,
          body: goalInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          addGoal(tx, viewer, request.params.id, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/checkins',
      {
        config: { access: 'coaching.trajectory' },
        schema: {
          tags,
          summary: "A check-in: the progress of the family's goals",
          params: idParams,
          body: checkinInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          recordCheckin(tx, viewer, request.params.id, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/worries',
      {
        config: { access: 'coaching.coach' },
        schema: {
          tags,
          summary: 'The coach raises a worry to the coordinator',
          params: idParams,
          body: worryInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          raiseWorry(tx, viewer, request.params.id, request.body.concern),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/supporters',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: 'Link a supporter from the Genk Helpt pool to the family',
          params: idParams,
          body: supporterInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          linkSupporter(tx, viewer, request.params.id, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/coaching/trajectories/:id/end',
      {
        config: { access: 'coaching.manage' },
        schema: {
          tags,
          summary: "End a trajectory with the family's and the coach's evaluation",
          params: idParams,
          body: endInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          endTrajectory(tx, viewer, request.params.id, request.body),
        );
      },
    );

    // ------------------------------------------------------------ the coach

    app.get(
      '/api/coaching/me',
      {
        config: { access: 'coaching.coach' },
        schema: {
          tags,
          summary: "The coach's families and training state",
          response: { 200: coachHomeSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => coachHome(tx, viewer));
      },
    );

    app.put(
      '/api/coaching/me/profile',
      {
        config: { access: 'coaching.coach' },
        schema: {
          tags,
          summary: "The coach's own profile (background optional, kept only with consent)",
          body: coachProfileInputSchema,
          response: { 200: coachSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => saveCoachProfile(tx, viewer, request.body));
      },
    );

    // ------------------------------------------------------------ the steering group

    app.get(
      '/api/coaching/dashboard',
      {
        config: { access: 'coaching.insight' },
        schema: {
          tags,
          summary: 'Aggregates only; counts under 5 are hidden (null)',
          response: { 200: dashboardSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => coachingDashboard(tx, viewer));
      },
    );
  };
