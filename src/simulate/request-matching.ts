import { ConditionShape, MatcherShape } from './gloo-manifest';
import { re2FullMatch } from '../private/re2';

/** A request as the matchers see it: path without the query, method, lowercased header names, query. */
export interface NormalizedRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: Map<string, string>;
  readonly query: URLSearchParams;
}

/** Splits the query string off the path and lowercases header names. */
export function normalizeRequest(request: { path: string; method?: string; headers?: { [name: string]: string } }): NormalizedRequest {
  const [path, query = ''] = request.path.split('?', 2);
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(request.headers ?? {})) headers.set(k.toLowerCase(), v);
  let params: URLSearchParams | undefined;
  // parsed when a query-parameter matcher first asks: most routes have none
  return { path, method: request.method ?? 'GET', headers, get query() { return params ??= new URLSearchParams(query); } };
}

/** Whether one Gloo matcher matches: its path, headers, query parameters and methods, ANDed. */
export function matcherMatches(m: MatcherShape, req: NormalizedRequest): boolean {
  const header = (name: string) => req.headers.get(name.toLowerCase());
  const query = (name: string) => (req.query.has(name) ? req.query.get(name)! : undefined);
  return pathMatches(m, req.path)
    && (m.headers ?? []).every(h => conditionHolds(h, header(h.name)))
    && (m.queryParameters ?? []).every(q => conditionHolds({ ...q, invertMatch: false }, query(q.name)))
    && (!m.methods || m.methods.length === 0 || m.methods.includes(req.method));
}

function pathMatches(m: MatcherShape, path: string): boolean {
  const sensitive = m.caseSensitive ?? true;
  const norm = (s: string) => (sensitive ? s : s.toLowerCase());
  if (isSet(m.prefix)) return norm(path).startsWith(norm(m.prefix));
  if (isSet(m.exact)) return norm(path) === norm(m.exact);
  if (isSet(m.regex)) return re2FullMatch(m.regex, path); // envoy ignores case_sensitive for regex matches
  return false;
}

/** One header or query condition against the request's value (`undefined` when absent). */
function conditionHolds(c: ConditionShape, value: string | undefined): boolean {
  const expected = c.value;
  const presence = expected === undefined || expected === null || expected === '';
  if (value === undefined) return presence && c.invertMatch === true;
  let result: boolean;
  if (presence) result = true;
  else if (c.regex) result = re2FullMatch(expected, value);
  else result = value === expected;
  return c.invertMatch ? !result : result;
}

/** Whether a proto field is given (neither absent nor null). */
export function isSet<T>(v: T): v is NonNullable<T> {
  return v !== undefined && v !== null;
}
