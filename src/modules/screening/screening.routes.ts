import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { pageQuery } from '../../lib/pagination.ts';
import { feedbackCsv, feedbackXlsx } from './screening-feedback.ts';
import { MAX_FILE_BYTES } from './screening-file.ts';
import { importBatch, previewBatch } from './screening-import.service.ts';
import { MEASURES, OUTCOMES } from './screening-outcomes.ts';
import { batchProgress, feedbackTable, getBatch, getTask, handBackTask, listBatches, listTasks, reassignTask, verifyTask } from './screening.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];
const tags = ['screening'];

export const screeningRoutes = (root: App, deps: Deps) => {
  // The upload takes the file as sent (bytes: GBK stays GBK), up to 50 MB, in a scope of its own.
  root.register(async (scoped) => {
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    for (const t of FILE_TYPES) if (app.hasContentTypeParser(t)) app.removeContentTypeParser(t);
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    app.post(
      '/api/v1/screening/batches',
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags, consumes: FILE_TYPES,
          querystring: z.object({
            preview: z.enum(['true', 'false']).optional(),
            source: z.string().max(100).optional(), reason: z.string().max(200).optional(), deadline: z.string().max(40).optional(),
            level: z.enum(['city', 'county']).optional(), fileName: z.string().max(200).optional(),
          }),
        },
      },
      async (req, reply) => {
        const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
        const q = req.query;
        if (q.preview === 'true') return previewBatch(deps, actorOf(req), bytes);
        const done = await importBatch(deps, actorOf(req), bytes, { source: q.source ?? '', reason: q.reason ?? '', deadline: q.deadline ?? '', level: q.level, fileName: q.fileName });
        return reply.status(201).send(done);
      },
    );
  });

  const app = root;
  app.get('/api/v1/screening/outcomes', { schema: { tags } }, async () => ({
    outcomes: Object.entries(OUTCOMES).map(([code, o]) => ({ code, ...o })),
    measures: Object.entries(MEASURES).map(([code, label]) => ({ code, label })),
  }));
  app.get('/api/v1/screening/batches', { schema: { tags, querystring: pageQuery } }, (req) => listBatches(deps, actorOf(req), req.query));
  app.get('/api/v1/screening/batches/:id', { schema: { tags, params: idParams } }, (req) => getBatch(deps, actorOf(req), req.params.id));
  app.get('/api/v1/screening/batches/:id/progress', { schema: { tags, params: idParams, querystring: z.object({ area: z.string().regex(/^\d{2,15}$/).optional() }) } }, (req) =>
    batchProgress(deps, actorOf(req), req.params.id, req.query.area));
  app.get('/api/v1/screening/batches/:id/feedback', { schema: { tags, params: idParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) } }, async (req, reply) => {
    const { batch, header, rows } = await feedbackTable(deps, actorOf(req), req.params.id);
    const name = `${batch.code}-反馈.${req.query.format}`;
    const body = req.query.format === 'csv' ? feedbackCsv(header, rows) : await feedbackXlsx(batch.code, header, rows);
    return reply
      .header('content-type', req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${batch.code}.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });
  app.get('/api/v1/screening/tasks', {
    schema: { tags, querystring: pageQuery.extend({ batch: z.coerce.number().int().positive().optional(), state: z.enum(['pending', 'verified', 'overdue', 'rejected', 'not_ours']).optional(), area: z.string().regex(/^\d{2,15}$/).optional() }) },
  }, (req) => listTasks(deps, actorOf(req), req.query));
  app.get('/api/v1/screening/tasks/:id', { schema: { tags, params: idParams } }, (req) => getTask(deps, actorOf(req), req.params.id));
  app.post('/api/v1/screening/tasks/:id/verify', {
    schema: {
      tags, params: idParams,
      body: z.object({
        outcome: z.enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES]), measure: z.enum(Object.keys(MEASURES) as [keyof typeof MEASURES]).optional(),
        measureStart: date.optional(), measureEnd: date.optional(), place: z.string().max(200).optional(), note: z.string().max(500).optional(),
      }),
    },
  }, (req) => verifyTask(deps, actorOf(req), req.params.id, req.body));
  app.post('/api/v1/screening/tasks/:id/reassign', { schema: { tags, params: idParams, body: z.object({ gridCode: z.string().regex(/^\d{15}$/), note: z.string().max(500).optional() }) } }, (req) =>
    reassignTask(deps, actorOf(req), req.params.id, req.body.gridCode, req.body.note));
  app.post('/api/v1/screening/tasks/:id/hand-back', { schema: { tags, params: idParams, body: z.object({ reason: z.string().max(500) }) } }, (req) =>
    handBackTask(deps, actorOf(req), req.params.id, req.body.reason));
};
