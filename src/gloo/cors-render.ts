import { CorsPolicy } from '../model/cors';
import { CsrfPolicy, OriginMatchType } from '../model/csrf';

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

/** Gloo's `csrf`: percentages as fractions of a hundred, origins as string matchers. */
export function renderCsrf(c: CsrfPolicy): { [field: string]: unknown } {
  const percent = (p: number | undefined) => (p === undefined ? undefined : { defaultValue: { numerator: p, denominator: 'HUNDRED' } });
  return compact({
    filterEnabled: percent(c.enforcedPercent),
    shadowEnabled: percent(c.shadowPercent),
    additionalOrigins: c.additionalOrigins?.map(o => (o.type === OriginMatchType.REGEX ? { safeRegex: { regex: o.value } } : { [o.type]: o.value })),
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
