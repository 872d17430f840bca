import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { AppError } from '../../shared/errors.ts';
import { can, type RouteAccess } from '../../shared/permissions.ts';
import { counted } from '../counted.ts';
import { type Database, endRequestScope, type RequestScope, requestScope } from '../db/client.ts';
import type { Env } from '../env.ts';
import { logSerializers } from '../log.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { coachingRoutes } from '../modules/coaching/coaching.routes.ts';
import { helpRoutes } from '../modules/help/help.routes.ts';
import { identityRoutes } from '../modules/identity/identity.routes.ts';
import { type IdentityConfig, resolveSession } from '../modules/identity/identity.service.ts';
import { mailRoutes } from '../modules/mail/mail.routes.ts';
import { outreachRoutes } from '../modules/outreach/outreach.routes.ts';
import { registryRoutes } from '../modules/registry/registry.routes.ts';
import { resolveApiKey } from '../modules/signals/partners.service.ts';
import { signalsRoutes } from '../modules/signals/signals.routes.ts';
import './context.ts';
import { errorHandler } from './errors.ts';
import { nulField } from './nul.ts';
import { systemRoutes } from './system.routes.ts';

export const SESSION_COOKIE = 'samen_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AppDeps {
  env: Env;
  database: Database;
  migration: string;
  /** Where the built web app lives; null serves the API only (tests). */
  webDir?: string | null;
  logger?: boolean;
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { env } = deps;
  const identity: IdentityConfig = { secret: env.sessionSecret, publicUrl: env.publicUrl };
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: env.LOG_LEVEL,
            // Personal data stays out of the logs: no bodies, no query strings, no cookies.
            redact: ['req.headers.cookie', 'req.headers.authorization', `req.headers["${CSRF_HEADER}"]`],
            serializers: {
              err: logSerializers.err,
              req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
            },
          },
    bodyLimit: 256 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Each request runs in its own scope, where a read keeps its session check and its query in
    // one transaction (db/client.ts); whatever is left open is finished when the answer has gone.
    serverFactory: (handler) =>
      createServer((req, res) => {
        const scope: RequestScope = { ended: false };
        res.once('close', () => endRequestScope(scope));
        requestScope.run(scope, () => handler(req, res));
      }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // A cross-site form can post text/plain without a preflight; this API takes JSON only.
  app.removeContentTypeParser('text/plain');
  // Text with a NUL character cannot be stored: answered on its field, before any route runs.
  app.addHook('preValidation', async (request) => {
    // A step sent without a body (a matching run, a yes) reads as an empty one: its schema then
    // takes it, or names the fields it needs, instead of "expected object, received null".
    const sentNothing = !request.headers['content-length'] || request.headers['content-length'] === '0';
    if ((request.body === undefined || request.body === null) && sentNothing && request.method !== 'GET') {
      request.body = {};
    }
    for (const [where, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const field = nulField(value);
      if (field !== null) {
        throw new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid', [
          { in: where, field, message: 'holds a NUL character, which cannot be stored' },
        ]);
      }
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const routes: { method: string; url: string; access: RouteAccess | undefined }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });
  app.decorate('apiRoutes', routes);

  // Security headers, built once (the Fastify plugin rebuilds them on every request): JSON answers
  // need no nonce. The HTML page alone gets a fresh style nonce (for the styles Mantine injects),
  // added where it is served.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: env.NODE_ENV === 'production',
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Too many attempts; try again in ${counted(Math.ceil(context.ttl / 1000), 'second', 'seconds')}`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Samen API',
        version: '0.1.0',
        description: 'The API of Samen, a platform for social services.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
          partnerKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A partner organisation API key. A key registered by several municipalities names the one a request is for in the header x-samen-municipality (its slug); without it, the municipality that made the key.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.decorateRequest('session', null);
  app.decorateRequest('partnerKey', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    // A partner's system: the API key alone, no cookie and so no CSRF (nothing a browser sends by itself).
    if (access === 'partner_api') {
      request.partnerKey = await resolveApiKey(
        deps.database,
        env.sessionSecret,
        request.headers.authorization,
        request.headers['x-samen-municipality'],
      );
      if (!request.partnerKey) {
        throw new AppError('UNAUTHENTICATED', 'A valid API key is required: authorization: Bearer <key>');
      }
      return;
    }
    const cookieValue = request.cookies[SESSION_COOKIE];
    if (cookieValue) {
      request.session = await resolveSession(deps.database, identity, cookieValue, {
        openForRequest: request.method === 'GET',
      });
    }
    if (access !== 'public' && !request.session) {
      throw cookieValue
        ? new AppError('SESSION_EXPIRED', 'Your session has ended; please sign in again')
        : new AppError('UNAUTHENTICATED', 'Please sign in first');
    }
    if (request.session && UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
        throw new AppError(
          'CSRF_INVALID',
          'The security token of this form is missing or out of date; reload the page',
        );
      }
    }
    if (access !== 'public' && access !== 'authenticated' && !can(request.session!.roles, access)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this');
    }
  });

  await app.register(systemRoutes(deps));
  await app.register(identityRoutes({ ...deps, identity }));
  await app.register(auditRoutes(deps));
  await app.register(mailRoutes(deps));
  await app.register(registryRoutes(deps));
  await app.register(helpRoutes({ ...deps, identity }));
  await app.register(signalsRoutes(deps));
  await app.register(outreachRoutes(deps));
  await app.register(coachingRoutes(deps));

  registerWeb(app, deps.webDir ?? null);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: { method: string; url: string; access: RouteAccess | undefined }[];
  }
}

/** A year: the most a browser keeps anything. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app; any other path that is not the API gets index.html (client routing).
 * Files are sent as the .br or .gz copy the build wrote beside them when the browser accepts it
 * (`vary: accept-encoding`); /assets/* carry their content's hash in their name, so a browser keeps
 * them for a year without asking again. The page itself is never kept (it carries a fresh nonce).
 */
function registerWeb(app: App, webDir: string | null) {
  const indexFile = webDir ? path.join(webDir, 'index.html') : null;
  const hasWeb = indexFile !== null && existsSync(indexFile);
  if (hasWeb) {
    const assetsDir = path.join(webDir!, 'assets') + path.sep;
    app.register(fastifyStatic, {
      root: webDir!,
      index: false,
      wildcard: false,
      prefix: '/',
      preCompressed: true,
      // The page is the template: asked for by name, it goes to the not-found handler below like
      // any other address of the app, which fills in the nonce.
      allowedPath: (pathName) => pathName !== '/index.html',
      setHeaders: (reply, file) => {
        if (file.startsWith(assetsDir)) reply.header('cache-control', ASSET_CACHE);
      },
    });
  }
  const template = hasWeb ? readFileSync(indexFile!, 'utf8') : null;
  app.setNotFoundHandler((request, reply) => {
    // A file that is not there (a page's script from another version, /favicon.ico) is a 404,
    // never the page: the service worker would otherwise keep the page under the script's name.
    const pathname = request.url.split('?')[0]!;
    const file =
      pathname !== '/index.html' && (pathname.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(pathname));
    if (pathname.startsWith('/api/') || request.method !== 'GET' || !template || file) {
      return reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: `No such address: ${request.method} ${request.url.split('?')[0]}`,
        },
      });
    }
    const nonce = randomBytes(16).toString('base64');
    const policy = String(reply.getHeader('content-security-policy'));
    return reply
      .header(
        'content-security-policy',
        policy.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`),
      )
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(template.replaceAll('__CSP_NONCE__', nonce));
  });
}
