import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignChangeSchema,
  campaignDetailSchema,
  campaignInputSchema,
  campaignPatchSchema,
  campaignSummarySchema,
  concernSchema,
  doorPatchSchema,
  myRoundsSchema,
  outreachOptionsSchema,
  planResultSchema,
  progressSchema,
  resolveInputSchema,
  reviewDoorSchema,
  revisitResultSchema,
  shiftPatchSchema,
  shiftsAddSchema,
  syncInputSchema,
  syncResultSchema,
} from '../../../shared/outreach.schemas.ts';
import type { AppDeps } from '../../http/app.ts';
import { viewerOf } from '../../http/context.ts';
import { removeShift, updateCampaign, updateShift } from './outreach.editing.ts';
import { listReviews, resolveDoor } from './outreach.review.ts';
import { planRevisits } from './outreach.revisits.ts';
import {
  addShifts,
  campaignProgress,
  closeConcern,
  createCampaign,
  getCampaign,
  listCampaigns,
  listConcerns,
  myRounds,
  outreachOptions,
  patchDoor,
  planCampaign,
  syncVisits,
} from './outreach.service.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const idSchema = z.object({ id: z.string() });
const shiftChangeSchema = z.object({ id: z.string(), replanned: z.boolean() });

export const outreachRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { database } = deps;

    app.get(
      '/api/outreach/options',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: 'Neighbourhoods, visitors and managers to choose from when setting up a campaign',
          response: { 200: outreachOptionsSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => outreachOptions(tx, viewer.tenantId));
      },
    );

    app.get(
      '/api/outreach/campaigns',
      {
        config: { access: 'outreach.progress' },
        schema: {
          tags: ['outreach'],
          summary: 'Campaigns (a partner sees the ones its teams work in)',
          response: { 200: z.array(campaignSummarySchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listCampaigns(tx, viewer));
      },
    );

    app.post(
      '/api/outreach/campaigns',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary:
            'Set up a campaign: where, what to ask and hand out, teams and shifts; its doors are found at once',
          body: campaignInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const created = await database.inTenant(viewer.tenantId, (tx) =>
          createCampaign(tx, viewer, request.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/outreach/campaigns/:id',
      {
        config: { access: 'outreach.progress' },
        schema: {
          tags: ['outreach'],
          summary: 'A campaign with its teams, shifts, doors and rounds (a partner sees its own teams)',
          params: idParams,
          response: { 200: campaignDetailSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => getCampaign(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/outreach/campaigns/:id/shifts',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: "Add visitors' shifts (a shift that ends before it starts is refused)",
          params: idParams,
          body: shiftsAddSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const result = await database.inTenant(viewer.tenantId, (tx) =>
          addShifts(tx, viewer, request.params.id, request.body.shifts),
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/outreach/campaigns/:id/plan',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: 'Plan the rounds with the route planner; doors left out come back with their reason',
          params: idParams,
          body: z.strictObject({}).optional(),
          response: { 200: planResultSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => planCampaign(tx, viewer, request.params.id));
      },
    );

    app.get(
      '/api/outreach/campaigns/:id/progress',
      {
        config: { access: 'outreach.progress' },
        schema: {
          tags: ['outreach'],
          summary:
            'Doors planned, visited, talked, not home; needs heard by kind; follow-ups open; per neighbourhood',
          params: idParams,
          response: { 200: progressSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => campaignProgress(tx, viewer, request.params.id));
      },
    );

    app.patch(
      '/api/outreach/doors/:id',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: 'Move a door to another round by hand (pin it), or change its visiting time',
          params: idParams,
          body: doorPatchSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          patchDoor(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.patch(
      '/api/outreach/campaigns/:id',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary:
            'Change a campaign after set-up (purpose, period, place, filter, questions, tips, teams); refused with the reason when it would leave recorded visits behind',
          params: idParams,
          body: campaignPatchSchema,
          response: { 200: campaignChangeSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          updateCampaign(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.patch(
      '/api/outreach/shifts/:id',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary:
            "Change a visitor's shift (a shift that ends before it starts is refused; a round with visits keeps its day and visitor)",
          params: idParams,
          body: shiftPatchSchema,
          response: { 200: shiftChangeSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          updateShift(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.delete(
      '/api/outreach/shifts/:id',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: 'Remove a shift in which no visit was recorded; its doors go back to the planner',
          params: idParams,
          response: { 200: shiftChangeSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => removeShift(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/outreach/campaigns/:id/revisits',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary:
            'Plan the revisits of "not home" doors now (the hourly job does the same): only the rounds of the days they go to are planned again',
          params: idParams,
          body: z.strictObject({}).optional(),
          response: { 200: revisitResultSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => planRevisits(tx, viewer, request.params.id));
      },
    );

    app.get(
      '/api/outreach/campaigns/:id/reviews',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary: 'Doors two visitors recorded, with every record side by side, waiting to be settled',
          params: idParams,
          response: { 200: z.array(reviewDoorSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listReviews(tx, viewer, request.params.id));
      },
    );

    app.post(
      '/api/outreach/doors/:id/resolve',
      {
        config: { access: 'outreach.manage' },
        schema: {
          tags: ['outreach'],
          summary:
            'Settle a door two visitors recorded: keep one record, or put the outcome and needs together (the records stay)',
          params: idParams,
          body: resolveInputSchema,
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) =>
          resolveDoor(tx, viewer, request.params.id, request.body),
        );
      },
    );

    app.get(
      '/api/outreach/my-rounds',
      {
        config: { access: 'outreach.visit' },
        schema: {
          tags: ['outreach'],
          summary: "The visitor's rounds from today: the doors and only what the doorstep needs",
          response: { 200: myRoundsSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => myRounds(tx, viewer));
      },
    );

    app.post(
      '/api/outreach/sync',
      {
        config: { access: 'outreach.visit' },
        schema: {
          tags: ['outreach'],
          summary:
            "The phone's outbox: each record created once, duplicates and conflicts answered per record",
          body: syncInputSchema,
          response: { 200: syncResultSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => syncVisits(tx, viewer, request.body.records));
      },
    );

    app.get(
      '/api/outreach/concerns',
      {
        config: { access: 'outreach.concerns' },
        schema: {
          tags: ['outreach'],
          summary: 'Open concerns about safety at home and referrals to the welfare centre',
          response: { 200: z.array(concernSchema) },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => listConcerns(tx, viewer));
      },
    );

    app.post(
      '/api/outreach/concerns/:id/done',
      {
        config: { access: 'outreach.concerns' },
        schema: {
          tags: ['outreach'],
          summary: 'A social worker has taken the concern in hand',
          params: idParams,
          body: z.strictObject({}).optional(),
          response: { 200: idSchema },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        return database.inTenant(viewer.tenantId, (tx) => closeConcern(tx, viewer, request.params.id));
      },
    );
  };
