import type { RouteOptions } from 'fastify';

/**
 * Collects every route as `METHOD /path` through buildApp's `onRoute` (pass `collector.onRoute`).
 * The HEAD route Fastify adds for each GET is left out: the GET's entry covers it.
 */
export function routeCollector() {
  const routes = new Set<string>();
  return {
    onRoute(route: RouteOptions) {
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.add(`${method} ${route.url}`);
    },
    list: () => [...routes].filter((r) => !(r.startsWith('HEAD ') && routes.has(`GET ${r.slice(5)}`))).sort(),
  };
}
