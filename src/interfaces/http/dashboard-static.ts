import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** Paths the API owns: never answered with the dashboard's page. */
const API_PATH = /^\/(v1|webhooks|healthz|metrics)(\/|$)/;

/**
 * Where the built dashboard lives: `dist/web` of this package, found from this module rather than the
 * working directory. Compiled, this module is `dist/interfaces/http/`; run from source (tests), it is
 * `src/interfaces/http/` and the build is still `dist/web`.
 */
export function defaultDashboardRoot(): string {
  const compiled = fileURLToPath(new URL('../../web', import.meta.url));
  if (existsSync(join(compiled, 'index.html'))) return compiled;
  return fileURLToPath(new URL('../../../dist/web', import.meta.url));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>blastwall</title></head>
<body><main><h1>blastwall</h1>
<p>The dashboard was not built. Run <code>npm run build</code> in the blastwall package, then restart the server.</p>
<p>The API is available under <code>/v1</code>.</p></main></body></html>
`;

/**
 * Serves the built dashboard at `/`: its files, `index.html` for any other GET that is not an API path
 * (the app routes in the browser), a long cache for the hashed files under `/assets/`, none for the page.
 */
export function dashboardStatic(options: { root?: string } = {}): Hono {
  const root = options.root ?? defaultDashboardRoot();
  const index = join(root, 'index.html');
  const routes = new Hono();
  const files = serveStatic({ root });
  routes.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (API_PATH.test(c.req.path)) return next();
    if (!existsSync(index)) {
      if (c.req.path.startsWith('/assets/')) return next();
      return c.html(NOT_BUILT, c.req.path === '/' ? 200 : 404, { 'Cache-Control': 'no-cache' });
    }
    // `/` itself is the page, served below with the fallback's headers.
    if (c.req.path !== '/') {
      const served = await files(c, async () => undefined);
      if (served) {
        // Files under /assets/ carry a content hash in their names: they never change.
        served.headers.set(
          'Cache-Control',
          c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        return served;
      }
      // A missing hashed file is a 404, not the page: a browser would run HTML as a script.
      if (c.req.path.startsWith('/assets/')) return next();
    }
    return c.html(await readFile(index, 'utf8'), 200, { 'Cache-Control': 'no-cache' });
  });
  return routes;
}
