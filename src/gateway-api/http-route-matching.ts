import { PathMatch, RouteMatch, ValueMatch } from './http-route-model';
import { re2FullMatch } from '../private/re2';

/** A request as the matcher sees it: lowercase host without port, path without query, parsed query. */
export interface ParsedRequest {
  readonly host: string;
  readonly path: string;
  readonly query: string;
  readonly queryParams: Map<string, string>;
  readonly method: string;
  /** Header values by lowercase name. */
  readonly headers: Map<string, string>;
}

/** Splits `pathWithQuery`, lowercases header names and drops the port from the host. */
export function parseRequest(host: string, pathWithQuery: string, method: string, headers: { [name: string]: string }): ParsedRequest {
  const q = pathWithQuery.indexOf('?');
  const path = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
  const query = q < 0 ? '' : pathWithQuery.slice(q + 1);
  const headerMap = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) headerMap.set(name.toLowerCase(), value);
  return { host: hostWithoutPort(host), path, query, queryParams: parseQuery(query), method, headers: headerMap };
}

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

/** Whether the request path satisfies a path match. */
export function pathMatches(match: PathMatch, path: string): boolean {
  switch (match.type) {
    case 'Exact':
      return path === match.value;
    case 'PathPrefix':
      return prefixMatches(match.value, path);
    case 'RegularExpression':
      // Implementation-specific; kgateway hands it to Envoy's safe_regex: RE2, matched against the whole path.
      return re2FullMatch(match.value, path);
    default:
      return false;
  }
}

/**
 * PathPrefix matches whole path elements, and a trailing `/` in the prefix is ignored (CRD
 * `HTTPPathModifier.replacePrefixMatch` description): `/abc` matches `/abc`, `/abc/` and `/abc/def`, not `/abcd`.
 */
export function prefixMatches(prefix: string, path: string): boolean {
  const trimmed = trimTrailingSlashes(prefix);
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

/** Whether a header or query-param value satisfies a match; values compare case-sensitively. */
function valueMatches(m: ValueMatch, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (m.type === 'RegularExpression') return re2FullMatch(m.value, actual);
  return m.type === 'Exact' && actual === m.value;
}

/** Whether the request satisfies every condition of one `matches[]` entry (they are ANDed). */
export function requestMatches(match: RouteMatch, request: ParsedRequest): boolean {
  if (!pathMatches(match.path, request.path)) return false;
  if (match.method !== undefined && match.method !== request.method) return false;
  const headers = effectiveMatches(match.headers, true);
  if (!headers.every(h => valueMatches(h, request.headers.get(h.name.toLowerCase())))) return false;
  const params = effectiveMatches(match.queryParams, false);
  return params.every(p => valueMatches(p, request.queryParams.get(p.name)));
}
