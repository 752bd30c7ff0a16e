import { CorsPolicy } from '../model/cors';

/** Gloo's `cors`. */
export function renderCors(c: CorsPolicy): { [field: string]: unknown } {
  return compact({
    allowOrigin: copy(c.allowOrigin),
    allowOriginRegex: copy(c.allowOriginRegex),
    allowMethods: copy(c.allowMethods),
    allowHeaders: copy(c.allowHeaders),
    exposeHeaders: copy(c.exposeHeaders),
    maxAge: c.maxAgeSeconds !== undefined ? String(c.maxAgeSeconds) : undefined,
    allowCredentials: c.allowCredentials,
    disableForRoute: c.disableForRoute,
  });
}

function copy<T>(list: T[] | undefined): T[] | undefined {
  return list ? [...list] : undefined;
}

function compact(obj: { [k: string]: unknown }): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
