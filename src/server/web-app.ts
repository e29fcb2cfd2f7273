import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** `dist/web` of this package, whether the server runs from `src/` (tests) or `dist/`. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../dist/web/', import.meta.url));
}

/**
 * Serves the built web app on the API's port. Paths outside /api that name no file get index.html,
 * so the app's own routes (/datasets/x/annotate) survive a reload.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  const built = existsSync(`${root}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Hashed asset names change with their content: cache them for good.
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/'))
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } });
    if (!built)
      return reply
        .code(404)
        .type('text/plain')
        .send('The web app is not built. Run `npm run build`, then start `tandem serve` again.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
