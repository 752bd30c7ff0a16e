import { CorsPolicy } from '../model/cors';
import { CsrfPolicy, OriginMatchType } from '../model/csrf';
import { compact, copyList } from '../private/json';

/** Gloo's `cors`. */
export function renderCors(c: CorsPolicy): { [field: string]: unknown } {
  return compact({
    allowOrigin: copyList(c.allowOrigin),
    allowOriginRegex: copyList(c.allowOriginRegex),
    allowMethods: copyList(c.allowMethods),
    allowHeaders: copyList(c.allowHeaders),
    exposeHeaders: copyList(c.exposeHeaders),
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
