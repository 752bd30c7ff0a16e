import { PathMatch, RouteMatch, ValueMatch } from './http-route-model';
import { re2FullMatcher } from '../private/re2';

/** A request as the matcher sees it: lowercase host without port, path without query, parsed query. */
export interface ParsedRequest {
  readonly host: string;
  readonly path: string;
  readonly query: string;
  readonly queryParams: ReadonlyMap<string, string>;
  readonly method: string;
  /** Header values by lowercase name. */
  readonly headers: ReadonlyMap<string, string>;
}

/** Splits `pathWithQuery`, lowercases header names and drops the port from the host. */
export function parseRequest(host: string, pathWithQuery: string, method: string, headers: { [name: string]: string }): ParsedRequest {
  const q = pathWithQuery.indexOf('?');
  const path = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
  const query = q < 0 ? '' : pathWithQuery.slice(q + 1);
  const names = Object.keys(headers);
  const headerMap = names.length === 0 ? EMPTY : new Map(names.map(name => [name.toLowerCase(), headers[name]]));
  return { host: hostWithoutPort(host), path, query, queryParams: query === '' ? EMPTY : parseQuery(query), method, headers: headerMap };
}

/** The headers or the query params of a request without any: most of those the differential check routes. */
const EMPTY: ReadonlyMap<string, string> = new Map();

/** The CRD's `hostnames` description: "Implementations MUST ignore any port value specified in the HTTP Host header". */
function hostWithoutPort(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') ? lower.replace(/:\d*$/, '') : lower;
}

/**
 * Query parameters by name (case-sensitive). When a name repeats, the first value counts, as the
 * CRD's `queryParams[].name` description recommends.
 */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  if (query === '') return params;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    if (!params.has(name)) params.set(name, decode(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return params;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * A host that a route whose first hostname is `hostname` accepts: the hostname, with a wildcard's
 * first label filled in (`*.example.com` gives `a.example.com`); `example.com` for a route without
 * hostnames, which accepts every host.
 */
export function hostAccepted(hostname: string | undefined): string {
  return hostname === undefined ? 'example.com' : hostname.replace(/^\*\./, 'a.');
}

/**
 * How well a route's hostnames match the request host, for the precedence the CRD's `hostnames`
 * description gives across routes: first the most characters in a matching non-wildcard hostname,
 * then the most characters in a matching hostname. `undefined` when no hostname matches; a route
 * without hostnames matches every host with `[0, 0]`.
 */
export function hostnameScore(hostnames: string[], host: string): [number, number] | undefined {
  if (hostnames.length === 0) return [0, 0];
  let best: [number, number] | undefined;
  for (const hostname of hostnames) {
    const wildcard = hostname.startsWith('*.');
    // `*.example.com` is a suffix match: it matches `a.example.com` and `a.b.example.com`, never `example.com`.
    const matches = wildcard ? host.endsWith(hostname.slice(1)) && host.length > hostname.length - 1 : host === hostname;
    if (!matches) continue;
    const score: [number, number] = [wildcard ? 0 : hostname.length, hostname.length];
    if (!best || score[0] > best[0] || (score[0] === best[0] && score[1] > best[1])) best = score;
  }
  return best;
}

/** A path match as a function of the request path, for trying one match against many requests. */
function compilePathMatch(match: PathMatch): (path: string) => boolean {
  const value = match.value;
  switch (match.type) {
    case 'Exact':
      return path => path === value;
    case 'PathPrefix': {
      const trimmed = trimTrailingSlashes(value);
      return path => elementPrefixMatches(trimmed, path);
    }
    case 'RegularExpression': {
      // Implementation-specific; kgateway hands it to Envoy's safe_regex: RE2, matched against the whole path.
      let matches: ((input: string) => boolean) | undefined;
      return path => (matches ??= re2FullMatcher(value))(path); // compiled when first tried, so an invalid one throws there
    }
    default:
      return () => false;
  }
}

/**
 * PathPrefix matches whole path elements, and a trailing `/` in the prefix is ignored (CRD
 * `HTTPPathModifier.replacePrefixMatch` description): `/abc` matches `/abc`, `/abc/` and `/abc/def`,
 * not `/abcd`. `trimmed` is the prefix without its trailing slashes (`trimTrailingSlashes`).
 */
function elementPrefixMatches(trimmed: string, path: string): boolean {
  const n = trimmed.length;
  if (n === 0) return path.startsWith('/');
  // `path === trimmed || path.startsWith(trimmed + '/')`, without building the string
  return path.startsWith(trimmed) && (path.length === n || path.charCodeAt(n) === SLASH);
}

const SLASH = 0x2f;

/** `prefix` without trailing slashes (`/` becomes the empty string). */
export function trimTrailingSlashes(prefix: string): string {
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === SLASH) end--;
  return end === prefix.length ? prefix : prefix.slice(0, end);
}

/**
 * The header or query-param matches that count: "If multiple entries specify equivalent ... names,
 * only the first entry with an equivalent name MUST be considered" (CRD `headers[].name`,
 * `queryParams[].name`). Header names compare case-insensitively, query-param names exactly.
 */
export function effectiveMatches(matches: ValueMatch[], caseInsensitive: boolean): ValueMatch[] {
  const seen = new Set<string>();
  return matches.filter(m => {
    const key = caseInsensitive ? m.name.toLowerCase() : m.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A header or query-param match as a function of the request's value; values compare case-sensitively. */
function compileValueMatch(m: ValueMatch): (actual: string | undefined) => boolean {
  if (m.type === 'RegularExpression') {
    let matches: ((input: string) => boolean) | undefined;
    return actual => actual !== undefined && (matches ??= re2FullMatcher(m.value))(actual);
  }
  const exact = m.type === 'Exact';
  return actual => exact && actual !== undefined && actual === m.value;
}

/**
 * A `matches[]` entry made ready to try against many requests (see `compileRouteMatch`): it
 * matches a request when `path` holds for its path and `rest` (method, headers, query params)
 * for it. Kept apart, so requests with the same path test the path once.
 */
export interface CompiledRouteMatch {
  readonly path: (path: string) => boolean;
  readonly rest: (request: ParsedRequest) => boolean;
}

/**
 * Whether a request satisfies every condition of one `matches[]` entry (they are ANDed), as
 * functions of the request, for trying one entry against many requests: the path test, and the
 * header and query-param matches that count (see `effectiveMatches`) with their names lowercased,
 * are worked out once. Regular expressions are compiled when a request first reaches them.
 */
export function compileRouteMatch(match: RouteMatch): CompiledRouteMatch {
  const method = match.method;
  const headers = effectiveMatches(match.headers, true).map(h => ({ name: h.name.toLowerCase(), holds: compileValueMatch(h) }));
  const params = effectiveMatches(match.queryParams, false).map(p => ({ name: p.name, holds: compileValueMatch(p) }));
  return {
    path: compilePathMatch(match.path),
    rest: request => (method === undefined || method === request.method)
      && headers.every(h => h.holds(request.headers.get(h.name)))
      && params.every(p => p.holds(request.queryParams.get(p.name))),
  };
}
