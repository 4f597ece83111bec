import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, type App } from '../../lib/http.ts';
import { getPhoto, MAX_PHOTO_BYTES, uploadPhoto } from './files.service.ts';

export const filesRoutes = (app: App, deps: Deps) => {
  app.addContentTypeParser(['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES + 1024 }, (_req, body, done) => done(null, body));
  // Open to the public report page as well; a photo only becomes visible once attached to an event.
  app.post('/api/v1/files', { config: { public: true }, schema: { tags: ['files'] } }, async (req, reply) =>
    reply.status(201).send(await uploadPhoto(deps, req.actor, Buffer.isBuffer(req.body) ? req.body : new Uint8Array())),
  );
  app.get('/api/v1/files/:id', { schema: { tags: ['files'], params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const f = await getPhoto(deps, actorOf(req), req.params.id);
    return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').send(Buffer.from(f.data));
  });
};
