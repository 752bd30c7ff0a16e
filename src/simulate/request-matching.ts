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
  return { path, method: request.method ?? 'GET', headers, query: new URLSearchParams(query) };
}

/** Whether one Gloo matcher matches: its path, headers, query parameters and methods, ANDed. */
export function matcherMatches(m: any, req: NormalizedRequest): boolean {
  const header = (name: string) => req.headers.get(name.toLowerCase());
  const query = (name: string) => (req.query.has(name) ? req.query.get(name)! : undefined);
  return pathMatches(m, req.path)
    && (m.headers ?? []).every((h: any) => conditionHolds(h, header(h.name)))
    && (m.queryParameters ?? []).every((q: any) => conditionHolds({ ...q, invertMatch: false }, query(q.name)))
    && (!m.methods || m.methods.length === 0 || m.methods.includes(req.method));
}

function pathMatches(m: any, path: string): boolean {
  const sensitive = m.caseSensitive ?? true;
  const norm = (s: string) => (sensitive ? s : s.toLowerCase());
  if (isSet(m.prefix)) return norm(path).startsWith(norm(m.prefix));
  if (isSet(m.exact)) return norm(path) === norm(m.exact);
  if (isSet(m.regex)) return re2FullMatch(m.regex, path, !sensitive);
  return false;
}

/** One header or query condition against the request's value (`undefined` when absent). */
function conditionHolds(c: any, value: string | undefined): boolean {
  const presence = c.value === undefined || c.value === null || c.value === '';
  if (value === undefined) return presence && c.invertMatch === true;
  let result: boolean;
  if (presence) result = true;
  else if (c.regex) result = re2FullMatch(c.value, value);
  else result = value === c.value;
  return c.invertMatch ? !result : result;
}

/** Whether a proto field is given (neither absent nor null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
