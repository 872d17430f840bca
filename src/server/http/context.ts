import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import type { RouteAccess } from '../../shared/permissions.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import type { SessionInfo } from '../modules/identity/identity.service.ts';
import type { Viewer } from '../modules/registry/record-rules.ts';
import type { PartnerKeyContext } from '../modules/signals/partners.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route says who may call it; the app refuses to start with a route that does not. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    /** The partner organisation behind an API key, on `partner_api` routes. */
    partnerKey: PartnerKeyContext | null;
  }
}

export function sessionOf(request: FastifyRequest): SessionInfo {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first');
  return request.session;
}

export function actorOf(request: FastifyRequest): Actor {
  const session = sessionOf(request);
  return {
    tenantId: session.tenantId,
    userId: session.userId,
    label: session.displayName,
    requestId: request.id,
  };
}

/** The actor with their roles: record rules and timeline visibility depend on both. */
export function viewerOf(request: FastifyRequest): Viewer {
  const session = sessionOf(request);
  return { ...actorOf(request), userId: session.userId, roles: session.roles };
}
