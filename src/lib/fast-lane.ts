// Fast lanes: a route answered straight from Node's HTTP server, beside Fastify, for a request whose rate
// is a product figure (a checkpoint's verify, ten thousand a second on two cores). Around a check that
// costs the server some 55 µs, Fastify's pipeline (hooks, content-type parsing, validation wrappers, reply
// hooks) cost about a tenth more. A lane takes only a request it fully understands: POST to its exact
// path with a bearer token and a JSON body of a known, small length. Anything else goes to Fastify, where
// the same path is an ordinary route: the reference for the lane's answers, in the OpenAPI document and
// in tests through inject.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { parse as secureJsonParse } from 'secure-json-parse';
import type { z } from 'zod';
import { AppError, errorStatus } from './errors.ts';
import { bearerToken, errorBody, invalidRequest, toAppError } from './http.ts';

/** Answers a lane's request from the caller's bearer token and the body's text; throws as a route would. */
export type Lane = (bearer: string, body: string) => Promise<unknown>;
export type Lanes = Map<string, Lane>;

const MAX_BODY = 16 * 1024;

/** The body of a lane's request, parsed and validated with the route's schema, with the route's errors. */
export const laneBody = <S extends z.ZodType>(schema: S, text: string): z.output<S> => {
  let data: unknown;
  try {
    // As Fastify parses JSON: a leading BOM dropped, __proto__ and constructor.prototype keys refused.
    data = secureJsonParse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new AppError('request.malformed_json', "Body is not valid JSON but content-type is set to 'application/json'"); // Fastify's words
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw invalidRequest(result.error.issues.map((i) => ({ path: `body/${i.path.join('/')}`, message: i.message })));
};

const send = (res: ServerResponse, status: number, body: unknown) => {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
};

/** Whether the lane can take the request: a JSON body of a known, small length. */
const takes = (req: IncomingMessage) => {
  const type = req.headers['content-type'];
  const length = Number(req.headers['content-length']);
  return length > 0 && length <= MAX_BODY && !!type && /^application\/json\s*(;|$)/i.test(type);
};

/** Fastify's serverFactory: the HTTP server, with `lanes` answered before Fastify sees them. */
export const laneServer = (lanes: Lanes, log: () => FastifyBaseLogger) =>
  (fastify: RequestListener, options: Record<string, unknown>): Server => {
    // Fastify's own options, its defaults filled in.
    const opts = options as { http?: ServerOptions; keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number; maxRequestsPerSocket?: number | null };
    const answer = async (res: ServerResponse, lane: Lane, bearer: string, body: string) => {
      try {
        send(res, 200, await lane(bearer, body));
      } catch (err) {
        const e = toAppError(err as Error);
        if (e.code === 'internal') log().error({ err }, 'unhandled error');
        send(res, errorStatus[e.code], errorBody(e.code, e.message, e.details));
      }
    };
    const server = createServer(opts.http ?? {}, (req, res) => {
      const lane = req.method === 'POST' ? lanes.get(req.url!) : undefined;
      const bearer = lane && bearerToken(req.headers.authorization);
      if (!lane || !bearer || !takes(req)) return fastify(req, res);
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => void answer(res, lane, bearer, chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString()));
    });
    // What Fastify sets on a server it makes itself (lib/server.js getServerInstance), zeros included.
    // One thing it then does differently: listening on `localhost`, it binds only the first address.
    server.keepAliveTimeout = opts.keepAliveTimeout;
    server.requestTimeout = opts.requestTimeout;
    server.setTimeout(opts.connectionTimeout);
    if (opts.maxRequestsPerSocket) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };
