import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * The blog's manifests, from the shared reference folder next to the repository
 * (`../shared/reference/gloo-canary-example`), or from a copy named by GLOO_CANARY_EXAMPLE_DIR.
 */
export const BLOG_DIR = process.env.GLOO_CANARY_EXAMPLE_DIR
  ?? path.join(__dirname, 'fixtures', 'gloo-canary-example');

/** One of the blog's manifests, parsed. */
export function blogManifest(file: string): any {
  return parse(fs.readFileSync(path.join(BLOG_DIR, file), 'utf8'));
}

/**
 * Translates a blog VirtualService from the Gloo 0.x shape to 1.x, field by field:
 * `matcher: X` becomes `matchers: [X]`, `routePlugins.prefixRewrite.prefixRewrite: P` becomes
 * `options.prefixRewrite: P`, and `virtualHost.name` (gone in 1.0) is dropped. Nothing else changes.
 */
export function toGloo1x(vs: any): any {
  const { name: _dropped, ...virtualHost } = vs.spec.virtualHost;
  return {
    ...vs,
    spec: {
      ...vs.spec,
      virtualHost: {
        ...virtualHost,
        routes: virtualHost.routes.map((route: any) => {
          const { matcher, routePlugins, ...rest } = route;
          const out: any = { ...rest };
          if (matcher !== undefined) out.matchers = [matcher];
          if (routePlugins !== undefined) {
            const { prefixRewrite, ...otherPlugins } = routePlugins;
            if (Object.keys(otherPlugins).length > 0) throw new Error(`untranslated routePlugins: ${Object.keys(otherPlugins)}`);
            out.options = { prefixRewrite: prefixRewrite.prefixRewrite };
          }
          return out;
        }),
      },
    },
  };
}
