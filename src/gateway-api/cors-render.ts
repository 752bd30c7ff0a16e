import type { ActionProblem } from './backend-render';
import { HEADER_NAME } from './http-route-model';
import type { HttpRouteFilter } from './http-route-types';
import { CorsPolicy } from '../model/cors';
import { compact } from '../private/json';

/** A Gateway API `CORS` filter's body (`HTTPCORSFilter`), also what a kgateway TrafficPolicy's `cors` inlines. */
export type CorsFilter = NonNullable<HttpRouteFilter['cors']>;

/** Gateway API's `allowOrigins` items (CRD `pattern`): `*`, or a scheme, a host (its first label may be `*`) and a port. */
export const CORS_ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
/** Gateway API's `allowMethods` items (CRD `enum`). */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*'];

/**
 * A Gloo CORS policy as Gateway API's CORS filter, or what it cannot say the same (relative to the
 * route or virtual host: `options.cors.allowOriginRegex`). Gloo matches each `allowOrigin` exactly
 * (a value that matches `*` allows every origin, as Envoy reads it); Gateway API reads `*` alone
 * the same, and an origin with `*` elsewhere as a wildcard, so such an origin, and every
 * `allowOriginRegex`, is refused. `maxAgeSeconds` is `maxAge` (Gateway API's default of 5 seconds
 * is the browsers' when Gloo sends none); methods must be ones Gateway API knows.
 */
export function corsFilterOf(c: CorsPolicy): CorsFilter | ActionProblem {
  if (c.allowOriginRegex !== undefined && c.allowOriginRegex.length > 0) {
    return { field: 'options.cors.allowOriginRegex', given: c.allowOriginRegex, expected: 'origins listed exactly (allowOrigin)', hint: 'gateway api\'s cors filter matches origins exactly or by a leading wildcard label, not by regex' };
  }
  const origins = c.allowOrigin ?? [];
  const wildcard = origins.find(o => o !== '*' && o.includes('*'));
  if (wildcard !== undefined) {
    return { field: 'options.cors.allowOrigin', given: wildcard, expected: 'an origin without * (or * alone)', hint: 'gloo compares it as it is, gateway api reads * as a wildcard' };
  }
  const badOrigin = origins.find(o => !CORS_ORIGIN.test(o) || o.length > 253);
  if (badOrigin !== undefined) {
    return { field: 'options.cors.allowOrigin', given: badOrigin, expected: 'an origin as gateway api takes it: * or <scheme>://<host>[:<port>] with scheme http or https' };
  }
  const badMethod = (c.allowMethods ?? []).find(m => !CORS_METHODS.includes(m));
  if (badMethod !== undefined) return { field: 'options.cors.allowMethods', given: badMethod, expected: `a method gateway api knows: ${CORS_METHODS.join(', ')}` };
  for (const field of ['allowHeaders', 'exposeHeaders'] as const) {
    const bad = (c[field] ?? []).find(h => !HEADER_NAME.test(h) || h.length > 256);
    if (bad !== undefined) return { field: `options.cors.${field}`, given: bad, expected: 'a header name (an HTTP token of at most 256 characters)' };
  }
  if (c.maxAgeSeconds !== undefined && c.maxAgeSeconds < 1) {
    return { field: 'options.cors.maxAgeSeconds', given: c.maxAgeSeconds, expected: 'at least 1 second (gateway api\'s maxAge minimum)' };
  }
  const list = <T>(xs: T[] | undefined) => (xs && xs.length > 0 ? [...new Set(xs)] : undefined);
  return compact({
    allowOrigins: list(origins),
    allowMethods: list(c.allowMethods) as CorsFilter['allowMethods'],
    allowHeaders: list(c.allowHeaders),
    exposeHeaders: list(c.exposeHeaders),
    maxAge: c.maxAgeSeconds,
    allowCredentials: c.allowCredentials === true ? true : undefined,
  });
}

/**
 * What Gateway API's CRD refuses in a CORS filter's body (patterns, enums, limits, the CEL rules
 * on `*`), for the HTTPRoute rules and a TrafficPolicy's `cors`: `[field, given, expected]`.
 */
export function corsProblems(body: { [key: string]: unknown }, field: string): Array<[string, unknown, string]> {
  const problems: Array<[string, unknown, string]> = [];
  const items = (key: string) => (Array.isArray(body[key]) ? body[key] as unknown[] : []);
  const lists: Array<[string, number, (v: unknown) => boolean, string]> = [
    ['allowOrigins', 64, v => typeof v === 'string' && CORS_ORIGIN.test(v) && v.length <= 253, `an origin matching ${CORS_ORIGIN.source}`],
    ['allowMethods', 9, v => typeof v === 'string' && CORS_METHODS.includes(v), `one of ${CORS_METHODS.join(', ')}`],
    ['allowHeaders', 64, v => typeof v === 'string' && HEADER_NAME.test(v) && v.length <= 256, 'a header name of at most 256 characters'],
    ['exposeHeaders', 64, v => typeof v === 'string' && HEADER_NAME.test(v) && v.length <= 256, 'a header name of at most 256 characters'],
  ];
  for (const [key, max, valid, expected] of lists) {
    const xs = items(key);
    if (xs.length > max) problems.push([`${field}.${key}`, xs.length, `at most ${max} items`]);
    xs.forEach((v, i) => { if (!valid(v)) problems.push([`${field}.${key}[${i}]`, v, expected]); });
    if (key !== 'exposeHeaders' && xs.includes('*') && xs.length > 1) problems.push([`${field}.${key}`, xs, '* alone or no *']);
    if (new Set(xs).size !== xs.length) problems.push([`${field}.${key}`, xs, 'no item twice (a set)']);
  }
  const maxAge = body.maxAge;
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1)) problems.push([`${field}.maxAge`, maxAge, 'a whole number of seconds, at least 1']);
  return problems;
}
