import { CorsPolicy } from '../model/cors';
import { CsrfPolicy, OriginMatch, OriginMatchType } from '../model/csrf';
import { whyInvalidHeaderName } from '../model/header-rules';
import { AddProblem } from '../private/errors';
import { whyInvalidRe2 } from '../private/re2';
import { checkKnownKeys } from '../private/unknown-keys';

/**
 * Checks a CORS policy (a route's or a VirtualHost's), reported under `at`: Gloo needs an origin
 * ("must provide at least one of AllowOrigin or AllowOriginRegex") and RE2 origin regexes; methods
 * and header names are HTTP tokens; the preflight cache is whole seconds.
 */
export function checkCors(c: CorsPolicy, at: string, add: AddProblem): void {
  if (typeof c !== 'object' || c === null) {
    add(at, c, 'a CORS policy such as { allowOrigin: [\'https://shop.example.com\'] }');
    return;
  }
  checkKnownKeys(add, c, 'CorsPolicy', `${at}.`);
  const asList = (x: unknown) => (Array.isArray(x) ? x : []);
  const origins = [...asList(c.allowOrigin), ...asList(c.allowOriginRegex)];
  if (origins.length === 0 && !c.disableForRoute) {
    add(at, c, 'at least one origin in allowOrigin or allowOriginRegex', 'gloo rejects the policy ("must provide at least one of AllowOrigin or AllowOriginRegex")');
  }
  eachString(c.allowOrigin, `${at}.allowOrigin`, add, o => (o === '*' || /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(o) ? undefined : 'an origin such as "https://shop.example.com" (scheme and host, no path), or "*"'));
  eachString(c.allowOriginRegex, `${at}.allowOriginRegex`, add, r => {
    const why = whyInvalidRe2(r);
    return why ? `a valid RE2 regular expression (${why})` : undefined;
  });
  eachString(c.allowMethods, `${at}.allowMethods`, add, m => (/^[A-Z]+$/.test(m) ? undefined : 'an upper-case HTTP method such as GET'));
  for (const list of ['allowHeaders', 'exposeHeaders'] as const) eachString(c[list], `${at}.${list}`, add, whyInvalidHeaderName);
  if (c.maxAgeSeconds !== undefined && !(Number.isInteger(c.maxAgeSeconds) && c.maxAgeSeconds >= 0)) {
    add(`${at}.maxAge`, c.maxAgeSeconds, 'a whole number of seconds');
  }
  for (const flag of ['allowCredentials', 'disableForRoute'] as const) {
    if (c[flag] !== undefined && typeof c[flag] !== 'boolean') add(`${at}.${flag}`, c[flag], 'true or false');
  }
}

function eachString(list: unknown, at: string, add: AddProblem, why: (s: string) => string | undefined): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    add(at, list, 'a list of strings');
    return;
  }
  list.forEach((s, i) => {
    const problem = typeof s === 'string' ? why(s) : 'a string';
    if (problem) add(`${at}[${i}]`, s, problem);
  });
}

/** Checks a CSRF policy (a route's or a VirtualHost's), reported under `at`. */
export function checkCsrf(c: CsrfPolicy, at: string, add: AddProblem): void {
  if (typeof c !== 'object' || c === null) {
    add(at, c, 'a CSRF policy such as { enforcedPercent: 100 }');
    return;
  }
  checkKnownKeys(add, c, 'CsrfPolicy', `${at}.`);
  const fields = { enforcedPercent: 'filterEnabled', shadowPercent: 'shadowEnabled' } as const;
  for (const [field, glooField] of Object.entries(fields) as Array<[keyof typeof fields, string]>) {
    const p = c[field];
    if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p <= 100)) add(`${at}.${glooField}.defaultValue.numerator`, p, 'a whole percentage from 0 to 100');
  }
  if (c.enforcedPercent === undefined && c.shadowPercent === undefined) {
    add(at, c, 'enforcedPercent, shadowPercent or both', 'a policy with neither checks no request');
  }
  if (c.additionalOrigins !== undefined) {
    if (!Array.isArray(c.additionalOrigins)) return add(`${at}.additionalOrigins`, c.additionalOrigins, 'a list of OriginMatch');
    c.additionalOrigins.forEach((o, i) => {
      const field = `${at}.additionalOrigins[${i}]`;
      if (!OriginMatch.isOriginMatch(o)) return add(field, o, 'an OriginMatch: OriginMatch.exact(...), prefix(...), suffix(...) or regex(...)');
      if (typeof o.value !== 'string' || o.value === '') return add(field, o.value, 'a non-empty origin');
      if (o.type === OriginMatchType.REGEX) {
        const why = whyInvalidRe2(o.value);
        if (why) add(`${field}.safeRegex.regex`, o.value, `a valid RE2 regular expression (${why})`);
      }
      return undefined;
    });
  }
}
