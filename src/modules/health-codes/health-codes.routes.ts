import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { laneBody } from '../../lib/fast-lane.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { authenticate } from '../users/auth.service.ts';
import { pageQuery } from '../../lib/pagination.ts';
import { decideAppeal, fileAppeal, listAppeals, raiseColour, revokeDecision } from './appeals.service.ts';
import { checkinRoster, myCheckins, personCheckins, recordCheckin } from './checkins.service.ts';
import { SYMPTOMS } from './checkin-facts.ts';
import { getCheckpoint, listCheckpoints, registerCheckpoint, setCheckpointActive, tracePasses } from './checkpoints.service.ts';
import { getRules, myCode, personCode, publishRules } from './colour.service.ts';
import { ZONE_LEVELS } from './colour-rules.ts';
import { createVerifier } from './verify.service.ts';
import { changeZone, drawZone, getZone, listZones, zoneAddresses, zonePeople } from './zones.service.ts';

const VERIFY = '/api/v1/health-codes/verify';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const areaCode = z.string().regex(/^\d{2,15}$/);
const time = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO time');
const days = z.number().int().min(1).max(365).nullable();
// A day that exists: Date.parse would take 2026-02-30 as 2 March.
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'a day that exists');
const symptom = z.enum(Object.keys(SYMPTOMS) as [keyof typeof SYMPTOMS]);

export const healthCodeRoutes = (app: App, deps: Deps) => {
  const verifier = createVerifier(deps);
  app.addHook('onReady', verifier.start);
  app.addHook('onClose', verifier.stop);

  let tags = ['health-codes'];
  const verifyBody = z.object({
    checkpoint: z.string().min(1).max(64),
    token: z.string().min(1).max(200).optional(),
    idNumber: z.string().regex(/^\d{17}[\dXx]$/, '18-character ID number').transform((s) => s.toUpperCase()).optional(),
  });
  app.post(VERIFY, { schema: { tags, body: verifyBody } }, (req) => verifier.verify(actorOf(req), req.body));
  // The same check beside Fastify, for a busy gate: authenticated first, as the onRequest hook does; the
  // check records no address, so none is passed.
  app.lanes.set(VERIFY, async (bearer, body) => verifier.verify(await authenticate(deps, bearer, null), laneBody(verifyBody, body)));

  app.get('/api/v1/health-codes/mine', { schema: { tags } }, (req) => myCode(deps, actorOf(req)));
  app.get('/api/v1/health-codes/persons/:id', { schema: { tags, params: idParams } }, (req) => personCode(deps, actorOf(req), req.params.id));
  app.post('/api/v1/health-codes/persons/:id/decisions', {
    schema: { tags, params: idParams, body: z.object({ colour: z.enum(['yellow', 'red']), reason: z.string().min(2).max(200), until: time.optional() }) },
  }, async (req, reply) => reply.status(201).send(await raiseColour(deps, actorOf(req), req.params.id, req.body)));
  app.post('/api/v1/health-codes/decisions/:id/revoke', { schema: { tags, params: idParams } }, (req) => revokeDecision(deps, actorOf(req), req.params.id));

  app.get('/api/v1/health-codes/rules', { schema: { tags } }, (req) => getRules(deps, actorOf(req)));
  app.post('/api/v1/health-codes/rules', {
    schema: { tags, body: z.object({ source: z.string().min(2).max(200_000), note: z.string().max(200).optional() }) },
  }, async (req, reply) => reply.status(201).send(await publishRules(deps, actorOf(req), req.body.source, req.body.note ?? null)));

  app.get('/api/v1/health-codes/appeals', {
    schema: { tags, querystring: pageQuery.extend({ status: z.enum(['pending', 'granted', 'rejected']).optional() }) },
  }, (req) => listAppeals(deps, actorOf(req), req.query));
  app.post('/api/v1/health-codes/appeals', {
    schema: { tags, body: z.object({ personId: z.number().int().positive().optional(), checkId: z.number().int().positive().optional(), reason: z.string().min(2).max(500) }) },
  }, async (req, reply) => reply.status(201).send(await fileAppeal(deps, actorOf(req), req.body)));
  app.post('/api/v1/health-codes/appeals/:id/decide', {
    schema: { tags, params: idParams, body: z.object({ grant: z.boolean(), note: z.string().min(2).max(500), exemptRules: z.array(z.string().max(41)).max(50).optional() }) },
  }, (req) => decideAppeal(deps, actorOf(req), req.params.id, req.body));

  app.post('/api/v1/health-codes/checkins', {
    schema: {
      tags,
      body: z.object({
        personId: z.number().int().positive().optional(), day: calendarDay.optional(),
        temperature: z.number().min(34).max(43).transform((t) => Math.round(t * 10) / 10), symptoms: z.array(symptom).max(20).default([]), note: z.string().max(200).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await recordCheckin(deps, actorOf(req), req.body)));
  app.get('/api/v1/health-codes/checkins/mine', { schema: { tags } }, (req) => myCheckins(deps, actorOf(req)));
  app.get('/api/v1/health-codes/checkins', { schema: { tags, querystring: z.object({ area: areaCode.optional(), day: calendarDay.optional() }) } }, (req) =>
    checkinRoster(deps, actorOf(req), req.query));
  app.get('/api/v1/health-codes/persons/:id/checkins', { schema: { tags, params: idParams } }, (req) => personCheckins(deps, actorOf(req), req.params.id));

  tags = ['checkpoints'];
  app.get('/api/v1/checkpoints', { schema: { tags, querystring: pageQuery.extend({ area: areaCode.optional(), staffed: z.enum(['true', 'false']).optional() }) } }, (req) =>
    listCheckpoints(deps, actorOf(req), { ...req.query, staffed: req.query.staffed === 'true' }));
  app.post('/api/v1/checkpoints', {
    schema: {
      tags,
      body: z.object({
        code: z.string().regex(/^[A-Za-z0-9_-]{2,64}$/).optional(), name: z.string().min(2).max(100),
        kind: z.enum(['compound_gate', 'station', 'market', 'hospital', 'road', 'other']), areaCode,
        compound: z.string().max(100).optional(), lng: z.number().min(73).max(136).optional(), lat: z.number().min(3).max(54).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await registerCheckpoint(deps, actorOf(req), req.body)));
  app.get('/api/v1/checkpoints/:id', { schema: { tags, params: idParams } }, (req) => getCheckpoint(deps, actorOf(req), req.params.id));
  app.post('/api/v1/checkpoints/:id/active', { schema: { tags, params: idParams, body: z.object({ active: z.boolean() }) } }, (req) =>
    setCheckpointActive(deps, actorOf(req), req.params.id, req.body.active));
  app.get('/api/v1/checkpoints/:id/passes', {
    schema: { tags, params: idParams, querystring: pageQuery.extend({ from: time, to: time, passedOnly: z.enum(['true', 'false']).default('true') }) },
  }, (req) => tracePasses(deps, actorOf(req), req.params.id, { ...req.query, passedOnly: req.query.passedOnly === 'true' }));

  tags = ['risk-zones'];
  app.get('/api/v1/risk-zones', { schema: { tags, querystring: pageQuery.extend({ status: z.enum(['active', 'lifted']).optional() }) } }, (req) => listZones(deps, actorOf(req), req.query));
  app.post('/api/v1/risk-zones', {
    schema: {
      tags,
      body: z.object({
        name: z.string().min(2).max(100), level: z.enum(ZONE_LEVELS), geometry: z.unknown(), startAt: time.optional(), note: z.string().max(500).optional(),
        timers: z.object({ sealed: days.optional(), controlled: days.optional(), precaution: days.optional() }).optional(),
      }),
    },
  }, async (req, reply) => reply.status(201).send(await drawZone(deps, actorOf(req), req.body)));
  app.get('/api/v1/risk-zones/:id', { schema: { tags, params: idParams } }, (req) => getZone(deps, actorOf(req), req.params.id));
  app.get('/api/v1/risk-zones/:id/people', { schema: { tags, params: idParams, querystring: pageQuery.extend({ grid: areaCode.optional() }) } }, (req) =>
    zonePeople(deps, actorOf(req), req.params.id, req.query));
  app.get('/api/v1/risk-zones/:id/addresses', { schema: { tags, params: idParams, querystring: pageQuery.extend({ grid: areaCode.optional() }) } }, (req) =>
    zoneAddresses(deps, actorOf(req), req.params.id, req.query));
  app.post('/api/v1/risk-zones/:id/actions/:action', {
    schema: {
      tags, params: idParams.extend({ action: z.enum(['level', 'lift', 'case']) }),
      body: z.object({ level: z.enum(ZONE_LEVELS).optional(), note: z.string().max(500).optional() }),
    },
  }, (req) => changeZone(deps, actorOf(req), req.params.id, { action: req.params.action, ...req.body }));
};
