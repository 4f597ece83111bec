// The HTTP edge: one error shape for every failure, and the typed Fastify instance routes register on.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { fromDatabaseError } from './db-errors.ts';
import type { Lanes } from './fast-lane.ts';
import { AppError, errorStatus, isAppError, type ErrorCode } from './errors.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes answered beside Fastify's pipeline (lib/fast-lane.ts), by exact path. */
    lanes: Lanes;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes open without a session (login, health, the public page). */
    public?: boolean;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export const bearerToken = (header: string | undefined): string | null => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;

/**
 * A request as the log shows it (Fastify's fields), without a token in the query: the live stream's
 * EventSource cannot send headers, so its session token comes in the URL.
 */
export const requestForLog = (req: { method: string; url: string; headers?: Record<string, string | string[] | undefined>; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
  method: req.method,
  url: req.url.replace(/([?&]token=)[^&#]*/gi, '$1…'),
  version: req.headers?.['accept-version'] as string | undefined,
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

/** The authenticated caller of a request, or `auth.unauthenticated`. */
export const actorOf = (req: FastifyRequest): Actor => {
  if (!req.actor) throw new AppError('auth.unauthenticated', 'Sign in first: send Authorization: Bearer <token>');
  return req.actor;
};

export const errorBody = (code: ErrorCode, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
};

/** request.invalid naming the first bad field: `body/token: …`. */
export const invalidRequest = (issues: { path: string; message?: string }[]) => {
  const first = issues[0];
  return new AppError('request.invalid', first ? `${first.path}: ${first.message}` : 'Invalid request', issues);
};

/** Any failure as the app's error; anything unforeseen is `internal`. */
export const toAppError = (err: FastifyError | Error): AppError => {
  if (isAppError(err)) return err;
  const fromDb = fromDatabaseError(err);
  if (fromDb) return fromDb;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return invalidRequest(err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message })));
  }
  const code = 'code' in err && typeof err.code === 'string' ? fastifyCodes[err.code] : undefined;
  if (code) return new AppError(code, err.message);
  if (err instanceof SyntaxError && 'statusCode' in err) return new AppError('request.malformed_json', err.message);
  return new AppError('internal', 'Internal server error');
};

const isPageRequest = (url: string) => !url.startsWith('/api/') && url !== '/healthz';

/** One error shape for every failure; with `pages`, unknown GET paths outside the API get the web app (deep links). */
export const installErrorHandling = (app: App, opts: { pages?: boolean } = {}): void => {
  app.setErrorHandler((err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal') req.log.error({ err }, 'unhandled error');
    return reply.status(errorStatus[appError.code]).send(errorBody(appError.code, appError.message, appError.details));
  });
  app.setNotFoundHandler((req, reply) => {
    if (opts.pages && req.method === 'GET' && isPageRequest(req.url)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorBody('route.not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
};
